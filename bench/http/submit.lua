-- wrk script: POST requests with distinct ids to /v1/requests (gate and record), made now.
-- Usage: wrk -s submit.lua --latency http://127.0.0.1:5080 -- KEY
local key
local counter = 0
local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
function init(args)
  key = args[1]
end
local function at(seconds) return os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() + seconds) end
function request()
  counter = counter + 1
  local id = string.format("bench-%d-%d-%d", tid, os.time(), counter)
  local body = string.format([[{"id":"%s","agency":"rochester-mn-pd","requester":"badge-%d","caseNumber":"RPD-B-%d","incidentType":"burglary","description":"Residential burglary, suspect fled on foot","submittedAt":"%s","window":{"start":"%s","end":"%s"},"area":{"center":{"lat":%.5f,"lon":%.5f},"radiusMeters":250}}]],
    id, counter % 50, counter, at(0), at(-5 * 3600), at(-3600), 43.95 + (counter % 97) * 0.001, -92.52 + (counter % 89) * 0.001)
  return wrk.format("POST", "/v1/requests", {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
  }, body)
end
