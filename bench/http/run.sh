#!/usr/bin/env bash
# Throughput and latency of POST /v1/requests/check, POST /v1/requests, and then inclusion proofs
# of random leaves of the log those submissions made, on loopback.
# Needs wrk (apt-get install wrk). Usage: bench/http/run.sh [sqlite|"Host=…;Database=…"] [seconds] [connections]
# Extra arguments after the third are passed to serve (e.g. --log-key K).
set -euo pipefail
cd "$(dirname "$0")/../.."
db_arg=${1:-sqlite}
seconds=${2:-20}
connections=${3:-4}
shift $(( $# < 3 ? $# : 3 ))
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release src/Oversight.Worker >/dev/null
oversight="dotnet src/Oversight.Worker/bin/Release/net10.0/oversight.dll"
db=$([ "$db_arg" = sqlite ] && echo "$work/oversight.db" || echo "$db_arg")
key=$($oversight keys create --role agency --agency rochester-mn-pd --db "$db" 2>/dev/null)
# One key drives all the load here, so its share of the gate's time is lifted as its rate limit is.
extra=()
$oversight serve --help | grep -q -- --gate-allowance && extra+=(--gate-allowance 100000000)
$oversight serve --urls http://127.0.0.1:5099 --db "$db" --rate-limit 100000000 "${extra[@]}" "$@" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs http://127.0.0.1:5099/healthz >/dev/null && break; sleep 0.2; done

echo "== POST /v1/requests/check ($db_arg, ${seconds}s, 2 threads, $connections connections)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/http/check.lua http://127.0.0.1:5099 -- "$key" samples/request.json
echo "== POST /v1/requests ($db_arg, ${seconds}s, 2 threads, $connections connections)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/http/submit.lua http://127.0.0.1:5099 -- "$key"
entries=$(curl -fs http://127.0.0.1:5099/healthz | sed -E 's/.*"entries":([0-9]+).*/\1/')
echo "== GET /v1/log/proof/inclusion (random leaf of $entries, ${seconds}s, 2 threads, $connections connections)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/http/proof.lua http://127.0.0.1:5099 -- "$entries"
