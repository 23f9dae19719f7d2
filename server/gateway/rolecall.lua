-- rolecall's REST adapter, an envoy.filters.http.lua filter placed BEFORE the gRPC-JSON
-- transcoder. server/gateway/config.py inlines this file into the Envoy config it renders.
--
-- Requests (REST only; gRPC requests pass untouched):
--   * drops client-sent x-json-keys / x-json-keys-truncated headers;
--   * scans the JSON body and lists its key paths in `x-json-keys` (comma-separated, dotted,
--     `[]` for array elements, keys percent-encoded outside [A-Za-z0-9_-], shallowest first),
--     so the server can refuse unknown fields that the transcoder silently drops; sets
--     `x-json-keys-truncated: 1` when the list is incomplete (cap hit, or not scannable JSON);
--   * appends a newline to a body that ends inside a scalar (a bare number such as `5`): the
--     transcoder would otherwise wait ~5 min for more input.
-- Responses (REST only):
--   * `x-http-status` from the server's initial metadata turns a 200 into 201/202/204
--     (204 also loses its body);
--   * `x-error-body` from the server's trailing metadata becomes the body of an error (also
--     replacing the `[]` of a streamed list that failed first), with the status the
--     transcoder derived from the gRPC code, or the trailing 4xx/5xx `x-http-status` if given;
--   * an error without `x-error-body` gets a failover-style body built here;
--   * gRPC and helper headers never leak into REST responses.
-- Envoy's own errors (bad JSON, unknown path, 413, 503) get their bodies from local_reply_config.

local MAX_PATHS = 200
local MAX_PATHS_BYTES = 4096
local MAX_DEPTH = 100

local LEAKED_HEADERS = {
  "grpc-status", "grpc-message", "grpc-status-details-bin", "grpc-accept-encoding",
  "grpc-encoding", "x-error-body", "x-http-status",
}

local function is_grpc(content_type)
  return content_type ~= nil and string.sub(content_type, 1, 16) == "application/grpc"
end

-- JSON key path scanner ------------------------------------------------------------------

local ESCAPES = {
  ['"'] = '"', ["\\"] = "\\", ["/"] = "/",
  b = "\b", f = "\f", n = "\n", r = "\r", t = "\t",
}

local function utf8_char(cp)
  if cp < 0x80 then
    return string.char(cp)
  elseif cp < 0x800 then
    return string.char(0xC0 + math.floor(cp / 0x40), 0x80 + cp % 0x40)
  elseif cp < 0x10000 then
    return string.char(0xE0 + math.floor(cp / 0x1000), 0x80 + math.floor(cp / 0x40) % 0x40,
      0x80 + cp % 0x40)
  end
  return string.char(0xF0 + math.floor(cp / 0x40000), 0x80 + math.floor(cp / 0x1000) % 0x40,
    0x80 + math.floor(cp / 0x40) % 0x40, 0x80 + cp % 0x40)
end

-- Decodes the escapes of a JSON string's raw content; nil if an escape is invalid.
local function unescape(raw)
  local out = {}
  local i = 1
  while true do
    local j = string.find(raw, "\\", i, true)
    if j == nil then
      out[#out + 1] = string.sub(raw, i)
      return table.concat(out)
    end
    out[#out + 1] = string.sub(raw, i, j - 1)
    local c = string.sub(raw, j + 1, j + 1)
    if c == "u" then
      local hex = string.match(raw, "^%x%x%x%x", j + 2)
      if hex == nil then
        return nil
      end
      local cp = tonumber(hex, 16)
      i = j + 6
      if cp >= 0xD800 and cp <= 0xDBFF then
        local low = string.match(raw, "^\\u(%x%x%x%x)", i)
        local low_cp = low and tonumber(low, 16)
        if low_cp and low_cp >= 0xDC00 and low_cp <= 0xDFFF then
          cp = 0x10000 + (cp - 0xD800) * 0x400 + (low_cp - 0xDC00)
          i = i + 6
        end
      end
      out[#out + 1] = utf8_char(cp)
    else
      local e = ESCAPES[c]
      if e == nil then
        return nil
      end
      out[#out + 1] = e
      i = j + 2
    end
  end
end

-- A key as one path segment: ".", ",", "[", "]", "%" and non-ASCII cannot pass as syntax.
local function encode_key(key)
  return (string.gsub(key, "[^A-Za-z0-9_%-]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

-- Scans the JSON text `s`. Returns `ok, by_depth, deepest`: ok is false unless `s` is one
-- valid JSON value (RFC 8259; raw control characters in strings are not checked);
-- by_depth[d] lists the distinct key paths found at nesting depth d, in order of appearance.
local function scan_json(s)
  local pos = 1
  local by_depth = {}
  local deepest = 0
  local seen = {}

  local function skip_ws()
    pos = string.find(s, "[^ \t\r\n]", pos) or (#s + 1)
  end

  -- At an opening quote: moves past the string and returns its decoded text (or true when
  -- `decode` is false); nil if it is unterminated or has a bad escape. Raw control characters
  -- are left for the transcoder to refuse. Plain find() is much faster than a pattern class.
  local function read_string(decode)
    local i = pos + 1
    while true do
      local j = string.find(s, '"', i, true)
      if j == nil then
        return nil
      end
      local k = j - 1
      while string.byte(s, k) == 92 do
        k = k - 1
      end
      if (j - 1 - k) % 2 == 0 then -- not an escaped quote
        local start = pos + 1
        pos = j + 1
        if not decode then
          return true
        end
        local raw = string.sub(s, start, j - 1)
        if string.find(raw, "\\", 1, true) then
          return unescape(raw)
        end
        return raw
      end
      i = j + 1
    end
  end

  local function read_number()
    local first, last = string.find(s, "^-?%d+", pos)
    if first == nil then
      return false
    end
    local digits = string.sub(s, first, last)
    if #digits > 1 and (string.sub(digits, 1, 1) == "0" or string.sub(digits, 1, 2) == "-0")
        and digits ~= "-0" then
      return false -- a leading zero
    end
    pos = last + 1
    local _, frac_end = string.find(s, "^%.%d+", pos)
    if frac_end then
      pos = frac_end + 1
    elseif string.sub(s, pos, pos) == "." then
      return false
    end
    local _, exp_end = string.find(s, "^[eE][+-]?%d+", pos)
    if exp_end then
      pos = exp_end + 1
    elseif string.find(s, "^[eE]", pos) then
      return false
    end
    return true
  end

  local read_value

  local function read_object(prefix, depth)
    pos = pos + 1
    skip_ws()
    if string.byte(s, pos) == 125 then
      pos = pos + 1
      return true
    end
    while true do
      if string.byte(s, pos) ~= 34 then
        return false
      end
      local key = read_string(true)
      if key == nil then
        return false
      end
      local path = encode_key(key)
      if prefix ~= "" then
        path = prefix .. "." .. path
      end
      if not seen[path] then
        seen[path] = true
        local level = by_depth[depth + 1]
        if level == nil then
          level = {}
          by_depth[depth + 1] = level
          deepest = math.max(deepest, depth + 1)
        end
        level[#level + 1] = path
      end
      skip_ws()
      if string.byte(s, pos) ~= 58 then
        return false
      end
      pos = pos + 1
      if not read_value(path, depth + 1) then
        return false
      end
      skip_ws()
      local b = string.byte(s, pos)
      pos = pos + 1
      if b == 125 then
        return true
      elseif b ~= 44 then
        return false
      end
      skip_ws()
    end
  end

  local function read_array(prefix, depth)
    pos = pos + 1
    skip_ws()
    if string.byte(s, pos) == 93 then
      pos = pos + 1
      return true
    end
    while true do
      if not read_value(prefix .. "[]", depth + 1) then
        return false
      end
      skip_ws()
      local b = string.byte(s, pos)
      pos = pos + 1
      if b == 93 then
        return true
      elseif b ~= 44 then
        return false
      end
    end
  end

  -- Moves past the value at pos (after whitespace); false if there is no valid one.
  read_value = function(prefix, depth)
    if depth > MAX_DEPTH then
      return false
    end
    skip_ws()
    local b = string.byte(s, pos)
    if b == 123 then
      return read_object(prefix, depth)
    elseif b == 91 then
      return read_array(prefix, depth)
    elseif b == 34 then
      return read_string(false) ~= nil
    elseif b == 116 and string.sub(s, pos, pos + 3) == "true" then
      pos = pos + 4
      return true
    elseif b == 102 and string.sub(s, pos, pos + 4) == "false" then
      pos = pos + 5
      return true
    elseif b == 110 and string.sub(s, pos, pos + 3) == "null" then
      pos = pos + 4
      return true
    end
    return read_number()
  end

  local ok = read_value("", 0)
  if ok then
    skip_ws()
    ok = pos > #s
  end
  return ok, by_depth, deepest
end

-- Joins the paths, shallowest first, with "," within the caps; returns the header value
-- (nil if there is no path) and whether all paths fit.
local function join_paths(by_depth, deepest)
  local out = {}
  local size = 0
  for depth = 1, deepest do
    local level = by_depth[depth] or {}
    for i = 1, #level do
      local p = level[i]
      if #out == MAX_PATHS or size + #p + 1 > MAX_PATHS_BYTES then
        return table.concat(out, ","), false
      end
      out[#out + 1] = p
      size = size + #p + 1
    end
  end
  if #out == 0 then
    return nil, true
  end
  return table.concat(out, ","), true
end

-- Filter entry points ---------------------------------------------------------------------

function envoy_on_request(handle)
  local headers = handle:headers()
  headers:remove("x-json-keys")
  headers:remove("x-json-keys-truncated")
  if is_grpc(headers:get("content-type")) then
    return
  end
  local info = handle:streamInfo():dynamicMetadata()
  info:set("rolecall", "rest", true)
  info:set("rolecall", "request_id", headers:get("x-request-id") or "")

  local body = handle:body()
  if body == nil or body:length() == 0 then
    return
  end
  local text = body:getBytes(0, body:length())
  local ok, by_depth, deepest = scan_json(text)
  local value, all = join_paths(by_depth, deepest)
  -- The headers object from before body() is out of scope now: fetch it again.
  headers = handle:headers()
  if value ~= nil then
    headers:add("x-json-keys", value)
  end
  if not (ok and all) then
    headers:add("x-json-keys-truncated", "1")
  end
  -- A body ending inside a scalar (a bare number, or garbage like "-" or "tru") makes the
  -- transcoder's streaming parser wait for more input until the stream times out (~5 min).
  -- Trailing whitespace is valid JSON and ends the token.
  if not string.find(text, '[]}"%s]$') then
    body:setBytes(text .. "\n")
  end
end

local GRPC_REASONS = {
  ["1"] = "CANCELLED", ["2"] = "UNKNOWN", ["3"] = "INVALID_ARGUMENT",
  ["4"] = "DEADLINE_EXCEEDED", ["5"] = "NOT_FOUND", ["6"] = "ALREADY_EXISTS",
  ["7"] = "PERMISSION_DENIED", ["8"] = "RESOURCE_EXHAUSTED", ["9"] = "FAILED_PRECONDITION",
  ["10"] = "ABORTED", ["11"] = "OUT_OF_RANGE", ["12"] = "UNIMPLEMENTED", ["13"] = "INTERNAL",
  ["14"] = "UNAVAILABLE", ["15"] = "DATA_LOSS", ["16"] = "UNAUTHENTICATED",
}

local function json_string(text)
  return '"' .. string.gsub(text, '[%z\1-\31"\\]', function(c)
    return string.format("\\u%04x", string.byte(c))
  end) .. '"'
end

-- The body of a server error that came without x-error-body (a bug or a gRPC-level failure).
local function fallback_error_body(handle, grpc_status, message, status)
  local md = handle:streamInfo():dynamicMetadata():get("rolecall") or {}
  local error_text = "The server failed to handle the request."
  if tonumber(status) < 500 and message ~= nil and message ~= "" then
    -- grpc-message is percent-encoded on the wire.
    error_text = string.gsub(message, "%%(%x%x)", function(h)
      return string.char(tonumber(h, 16))
    end)
  end
  return "{" .. table.concat({
    '"OperationId":' .. json_string(md["request_id"] or ""),
    '"Error":' .. json_string(error_text),
    '"Reason":' .. json_string(GRPC_REASONS[grpc_status] or "UNKNOWN"),
    '"Resolution":' .. json_string("Retry later; if it persists, report the OperationId."),
  }, ",") .. "}"
end

local function strip_leaked(map)
  for _, name in ipairs(LEAKED_HEADERS) do
    map:remove(name)
  end
end

function envoy_on_response(handle)
  local md = handle:streamInfo():dynamicMetadata():get("rolecall")
  if md == nil or not md["rest"] then
    return -- a gRPC call: untouched
  end
  local headers = handle:headers()
  local status = headers:get(":status")
  local grpc_status = headers:get("grpc-status")
  local wanted = headers:get("x-http-status")
  local error_body = headers:get("x-error-body")
  local message = headers:get("grpc-message")
  strip_leaked(headers)

  -- Headers first, then the body: the headers object is out of scope after body().
  local new_body = nil
  if grpc_status ~= nil and grpc_status ~= "0" then
    -- The server failed the call. In a trailers-only response (the usual case: nothing was
    -- sent before the error) its trailing metadata is in these headers. A 2xx x-http-status
    -- here came in initial metadata before the failure and is ignored.
    if wanted ~= nil and string.find(wanted, "^[45]%d%d$") then
      headers:replace(":status", wanted)
      status = wanted
    end
    headers:replace("content-type", "application/json")
    headers:remove("content-length")
    new_body = error_body or fallback_error_body(handle, grpc_status, message, status)
  elseif status == "200" and wanted ~= nil and string.find(wanted, "^2%d%d$") then
    headers:replace(":status", wanted)
    if wanted == "204" then
      headers:remove("content-type")
      headers:remove("content-length")
      new_body = ""
    end
  end
  if new_body ~= nil then
    -- A unary call that sent initial metadata and then failed has no body to replace (nil):
    -- it keeps its error status with an empty body.
    local body = handle:body(true)
    if body ~= nil then
      body:setBytes(new_body)
    end
  end
  -- HTTP/1.1 drops trailers, but HTTP/2 clients would get the gRPC ones of a streamed or
  -- empty response. Walking the chunks does not buffer them.
  local protocol = handle:streamInfo():protocol()
  if protocol == "HTTP/2" or protocol == "HTTP/3" then
    if new_body == nil then
      for _ in handle:bodyChunks() do
      end
    end
    local trailers = handle:trailers()
    if trailers ~= nil then
      strip_leaked(trailers)
    end
  end
end
