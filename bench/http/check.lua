-- wrk script: POST a request to /v1/requests/check (dry run) with an API key.
-- Usage: wrk -s check.lua --latency http://127.0.0.1:5080 -- KEY REQUEST.json
local key, file
function init(args)
  key = args[1]
  local f = assert(io.open(args[2], "r"))
  file = f:read("*a")
  f:close()
end
function request()
  return wrk.format("POST", "/v1/requests/check", {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
  }, file)
end
