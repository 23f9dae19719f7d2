-- rolecall's REST adapter (an envoy.filters.http.lua filter before the gRPC-JSON transcoder,
-- inlined by server/gateway/config.py) does only what the server cannot do from behind it: marks
-- REST requests, drops headers gRPC metadata cannot carry, refuses application/grpc (415), maps
-- `x-http-status`/`x-error-body` to the HTTP status and error body; gRPC headers never leak.

local LEAKED_HEADERS = { "grpc-status", "grpc-message", "grpc-status-details-bin",
  "grpc-accept-encoding", "grpc-encoding", "x-error-body", "x-http-status" }
local GRPC_REASONS = { -- by gRPC status code
  "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
  "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
  "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
}

local function json_string(text)
  return '"' .. string.gsub(text, '[%z\1-\31"\\]',
    function(c) return string.format("\\u%04x", string.byte(c)) end) .. '"'
end

-- The body of a server error that came without x-error-body (a gRPC-level failure, whose
-- message would tell internals such as header sizes).
local function fallback_error_body(request_id, grpc_status)
  return string.format('{"OperationId":%s,"Error":%s,"Reason":%s,"Resolution":%s}',
    json_string(request_id or ""), json_string("The server could not handle the request."),
    json_string(GRPC_REASONS[tonumber(grpc_status)] or "UNKNOWN"),
    json_string("Retry later; if it persists, report the OperationId."))
end

local function strip_leaked(map) for _, name in ipairs(LEAKED_HEADERS) do map:remove(name) end end

-- Header names gRPC metadata cannot hold (beyond [0-9a-z_.-], e.g. "x^y") would make grpc
-- refuse the whole call (a 500 for a header the server never reads): they are dropped.
local function drop_non_metadata_headers(headers)
  local bad = {}
  for name, _ in pairs(headers) do
    if string.sub(name, 1, 1) ~= ":" and string.find(name, "[^0-9a-z_.%-]") then
      bad[#bad + 1] = name
    end
  end
  for _, name in ipairs(bad) do headers:remove(name) end
end

function envoy_on_request(handle)
  local headers = handle:headers()
  local grpc = string.sub(headers:get("content-type") or "", 1, 16) == "application/grpc"
  -- gRPC methods live at /package.Service/Method; gRPC framing anywhere else is refused.
  if grpc and string.find(headers:get(":path"), "^/[%w_]+%.[%w_.]+/[%w_]+$") then return end
  drop_non_metadata_headers(headers)
  local info = handle:streamInfo():dynamicMetadata()
  info:set("rolecall", "rest", true)
  info:set("rolecall", "request_id", headers:get("x-request-id") or "")
  if grpc then -- Envoy frames this reply as gRPC: envoy_on_response unwraps it
    info:set("rolecall", "refused", "415")
    handle:respond({ [":status"] = "415" }, "")
  end
end

function envoy_on_response(handle)
  local md = handle:streamInfo():dynamicMetadata():get("rolecall")
  if md == nil or not md["rest"] then return end -- a gRPC call: untouched
  -- Headers first, then the body: the headers object is out of scope after body().
  local headers = handle:headers()
  local status, grpc_status = headers:get(":status"), headers:get("grpc-status")
  local wanted, error_body = headers:get("x-http-status"), headers:get("x-error-body")
  if md["refused"] then -- our own local reply, whose API error body is in grpc-message
    wanted, error_body = md["refused"], string.gsub(headers:get("grpc-message") or "",
      "%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end)
  end
  strip_leaked(headers)
  local new_body = nil
  if grpc_status ~= nil and grpc_status ~= "0" then
    -- A trailers-only response carries the server's trailing metadata in these headers; a 2xx
    -- x-http-status came in initial metadata before the failure and is ignored.
    if wanted ~= nil and string.find(wanted, "^[45]%d%d$") then
      headers:replace(":status", wanted)
    end
    headers:replace("content-type", "application/json")
    headers:remove("content-length")
    new_body = error_body or fallback_error_body(md["request_id"], grpc_status)
  elseif status == "200" and wanted ~= nil and string.find(wanted, "^2%d%d$") then
    headers:replace(":status", wanted)
    if wanted == "204" then
      headers:remove("content-type")
      headers:remove("content-length")
      new_body = ""
    end
  end
  if new_body ~= nil then
    -- nil for a unary call that sent initial metadata and then failed: it keeps its status.
    local body = handle:body(true)
    if body ~= nil then body:setBytes(new_body) end
  end
  -- HTTP/2 clients would get the gRPC trailers (walking the chunks does not buffer them).
  local protocol = handle:streamInfo():protocol()
  if protocol == "HTTP/2" or protocol == "HTTP/3" then
    if new_body == nil then for _ in handle:bodyChunks() do end end
    local trailers = handle:trailers()
    if trailers ~= nil then strip_leaked(trailers) end
  end
end
