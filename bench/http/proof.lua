-- wrk script: GET inclusion proofs of random leaves in a tree of the given size (anonymous, as a verifier asks).
-- Usage: wrk -s proof.lua --latency http://127.0.0.1:5080 -- TREE_SIZE
local size
function init(args)
  size = tonumber(args[1])
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end
function request()
  return wrk.format("GET", string.format("/v1/log/proof/inclusion?index=%d&treeSize=%d", math.random(0, size - 1), size))
end
