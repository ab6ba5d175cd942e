#!/usr/bin/env bash
# CPU profile of the published CollabDocs server under a-ack (one writer, one edit in flight): perf
# sampling (999 Hz, call graphs) of the server process while the load generator runs, JIT frames named
# through DOTNET_PerfMapEnabled=1. Prints the load generator's figures and where the server's CPU went
# (perf-categorize.js). Needs perf (Debian: linux-perf) and permission to profile (root, or
# kernel.perf_event_paranoid <= 1).
#   bench/profile/perf-a-ack.sh [seconds=20] [out=bench/results/profile-<time>]
# Extra server environment (e.g. DOTNET_TieredPGO=0) passes through.
set -euo pipefail
bench=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-20}
out=${2:-$bench/results/profile-$(date -u +%Y%m%d-%H%M%S)}
port=${PORT:-18990}
mkdir -p "$out"
dll=$bench/.build/collabdocs/CollabDocs.Server.dll
[ -f "$dll" ] || { echo "publish first: bench/run-all.sh, or dotnet publish src/CollabDocs.Server -c Release -o bench/.build/collabdocs"; exit 1; }
DOTNET_PerfMapEnabled=1 "$bench/collabdocs/run-server.sh" "$dll" "$port" >"$out/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
(cd "$bench" && node load/loadgen.js --adapter collabdocs --url "http://127.0.0.1:$port/hubs/docs" --writers 1 --mode ack \
  --duration $((secs + 10)) --server-pid "$pid" --quiet >"$out/loadgen.json") &
lg=$!
sleep 5   # warm-up: tiered JIT, connection pool
perf record -F 999 -g -p "$pid" -o "$out/perf.data" -- sleep "$secs" 2>"$out/perf-record.log"
wait $lg
kill $pid; wait $pid 2>/dev/null || true
trap - EXIT
node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n").pop());console.log(`a-ack: ${r.ackedPerSec} acked edits/s, ack p50/p99 ${r.ackLatencyMs.p50}/${r.ackLatencyMs.p99} ms, server ${Math.round(r.server.cpu_s*1e6/r.acked)} us CPU/edit, peak RSS ${r.server.rssPeakMB} MB`)' "$out/loadgen.json"
perf script -i "$out/perf.data" -F tid,ip,sym,dso 2>/dev/null >"$out/perf.script"
perf report -i "$out/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -15 >"$out/by-dso.txt"
node "$bench/profile/perf-categorize.js" "$out/perf.script" | tee "$out/categories.md"
