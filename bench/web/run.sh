#!/usr/bin/env bash
# Server time of the web console's pages and the public portal with a large decision log, and the
# portal's page weight. Usage: bench/web/run.sh [entries] [runs per page]   (default 1000000 and 30)
# Seeds a SQLite log of synthetic requests ending today (bench: seed-log), starts `oversight serve`
# on it, runs the detectors once so that the findings pages have data, makes a report, then signs in
# as each role and times each page (bench: web-pages). Needs about 5 GB of disk for 1,000,000 entries.
# OVERSIGHT_WEB_BENCH_DB=FILE keeps the seeded database in FILE (and reuses it when it exists).
set -euo pipefail
cd "$(dirname "$0")/../.."
entries=${1:-1000000}
runs=${2:-30}
work=$(mktemp -d /tmp/oversight-web-bench.XXXXXX)
url=http://127.0.0.1:5098
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

dotnet build -c Release src/Oversight.Worker >/dev/null
dotnet build -c Release bench/Oversight.Benchmarks >/dev/null
oversight="dotnet src/Oversight.Worker/bin/Release/net10.0/oversight.dll"
bench="dotnet bench/Oversight.Benchmarks/bin/Release/net10.0/Oversight.Benchmarks.dll"

db=${OVERSIGHT_WEB_BENCH_DB:-$work/o.db}
[ -f "$db" ] || $bench seed-log --db "$db" --count "$entries"
ls -l "$db" | awk '{printf "database: %.1f GB\n", $5 / 1e9}'
$oversight log key create --out "$work/log.key" >/dev/null 2>&1
for role in auditor admin; do $oversight keys create --role $role --db "$db" > "$work/$role.key" 2>/dev/null; done
$oversight keys create --role agency --agency olmsted-county-so --db "$db" > "$work/agency.key" 2>/dev/null

started=$(date +%s.%N)
$oversight serve --urls $url --db "$db" --log-key "$work/log.key" --geography samples/olmsted-tracts-2020.geojson \
  --rate-limit 100000000 >"$work/serve.log" 2>&1 &
server=$!
until curl -fs $url/healthz >/dev/null; do sleep 1; kill -0 $server 2>/dev/null || { cat "$work/serve.log"; exit 1; }; done
echo "serve answered /healthz after $(echo "$(date +%s.%N) - $started" | bc | xargs printf '%.0f') s (verifying and folding in every entry)"

auditor=$(cat "$work/auditor.key"); admin=$(cat "$work/admin.key"); agency=$(cat "$work/agency.key")
api() { curl -fs -H "Authorization: Bearer $auditor" "$url$1"; }
curl -fs -X POST -H "Authorization: Bearer $auditor" $url/v1/findings/runs >/dev/null
started=$(date +%s)
until [ "$(api '/v1/findings?limit=1' | grep -o '"total":[0-9]*' | cut -d: -f2)" != "0" ]; do sleep 5; done
echo "detection over the whole log: findings stored after about $(( $(date +%s) - started )) s"
# The portal's figures are made in the background once the log is loaded; wait for them.
until curl -fs $url/ | grep -q 'Requests by quarter'; do sleep 2; done

request=$(api '/v1/requests?agency=rochester-mn-pd&limit=1' | grep -o '"requestId":"[^"]*"' | head -1 | cut -d'"' -f4)
finding=$(api '/v1/findings?limit=1' | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
old=$(api '/v1/requests?limit=1' | grep -o '"next":[0-9]*' | cut -d: -f2)
year=$(( $(date +%Y) - 2 ))
cat > "$work/pages.txt" <<PAGES
anyone /
anyone /methods
anyone /signin
agency /console/check
agency /console/requests
agency /console/requests?decision=deny
auditor /console/requests
auditor /console/requests?decision=review
auditor /console/requests?rule=case-area
auditor /console/requests?period=${year}Q2
auditor /console/requests?agency=mn-state-patrol&rule=no-protests
auditor /console/requests?before=$(( old / 2 ))
auditor /console/requests/$request?agency=rochester-mn-pd
auditor /console/findings
auditor /console/findings?kind=track&severity=high
auditor /console/findings/$finding
auditor /console/simulations
auditor /console/reports
auditor /console/policies
admin /console/keys
PAGES
$bench web-pages --url $url --runs "$runs" --pages "$work/pages.txt" --auditor "$auditor" --admin "$admin" --agency "$agency"
grep -E "Decision log:|Portal" "$work/serve.log" | head -5 || true
