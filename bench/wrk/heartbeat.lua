-- wrk script for rolecall's REST benchmark (bench/rest.py): POSTs a v1 heartbeat to each
-- session path of a file in turn, and prints one JSON line of totals at the end.
-- Usage: wrk ... -s heartbeat.lua URL -- PATHS_FILE BODY [HEADER: VALUE ...]

local paths = {}
local body = ""
local next_path = 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  body = args[2]
  for i = 3, #args do
    local name, value = string.match(args[i], "^([^:]+):%s*(.*)$")
    if name then
      headers[name] = value
    end
  end
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("POST", paths[next_path], headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,' ..
      '"timeout":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
