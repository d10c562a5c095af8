-- wrk script: POST requests with distinct ids to /v1/requests (gate and record).
-- Usage: wrk -s submit.lua --latency http://127.0.0.1:5080 -- KEY
local key
local counter = 0
local thread_id = 0
local threads = {}
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
function init(args)
  key = args[1]
end
function request()
  counter = counter + 1
  local id = string.format("bench-%d-%d-%d", tid, os.time(), counter)
  local minute = counter % 600
  local body = string.format([[{"id":"%s","agency":"rochester-mn-pd","requester":"badge-%d","caseNumber":"RPD-B-%d","incidentType":"burglary","description":"Residential burglary, suspect fled on foot","submittedAt":"2026-08-01T%02d:%02d:00Z","window":{"start":"2026-07-31T01:00:00Z","end":"2026-07-31T05:00:00Z"},"area":{"center":{"lat":%.5f,"lon":%.5f},"radiusMeters":250}}]],
    id, counter % 50, counter, 12 + math.floor(minute / 60), minute % 60, 43.95 + (counter % 97) * 0.001, -92.52 + (counter % 89) * 0.001)
  return wrk.format("POST", "/v1/requests", {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
  }, body)
end
