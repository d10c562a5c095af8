-- wrk script: POST a request to /v1/requests/check (dry run) with an API key.
-- The sample's times are moved to now: the service's clock decides when a request is made.
-- Usage: wrk -s check.lua --latency http://127.0.0.1:5080 -- KEY REQUEST.json
local key, file
local function at(seconds) return os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() + seconds) end
function init(args)
  key = args[1]
  local f = assert(io.open(args[2], "r"))
  file = f:read("*a")
  f:close()
  file = file:gsub("2026%-08%-01T14:00:00Z", at(0)):gsub("2026%-08%-01T01:00:00Z", at(-13 * 3600)):gsub("2026%-08%-01T05:00:00Z", at(-9 * 3600))
end
function request()
  return wrk.format("POST", "/v1/requests/check", {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
  }, file)
end
