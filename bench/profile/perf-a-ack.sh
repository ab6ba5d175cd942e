#!/usr/bin/env bash
# CPU profile of the published CollabDocs server under a-ack (one writer, one edit in flight): perf
# sampling (499 Hz, call graphs) of the server process while the load generator runs, JIT frames named
# through DOTNET_PerfMapEnabled=1. Prints operations/s, CPU and context switches per operation in the
# sampled window, and where the server's CPU went (perf-categorize.js). Needs perf (Debian: linux-perf)
# and permission to profile (root, or kernel.perf_event_paranoid <= 1).
#   bench/profile/perf-a-ack.sh [seconds=20] [out=bench/results/profile-<time>]
# Extra server environment (e.g. DOTNET_TieredPGO=0) passes through. WARMUP=N: operations committed before sampling. WRITERS=10 MODE=flood profiles b-flood10's
# load instead (committed operations are then wire operations, several trace edits each).
set -euo pipefail
bench=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-20}
out=$(mkdir -p "${2:-$bench/results/profile-$(date -u +%Y%m%d-%H%M%S)}" && cd "${2:-$bench/results/profile-$(date -u +%Y%m%d-%H%M%S)}" && pwd)
port=${PORT:-18990}
mkdir -p "$out"
dll=$bench/.build/collabdocs/CollabDocs.Server.dll
[ -f "$dll" ] || { echo "publish first: bench/run-all.sh, or dotnet publish src/CollabDocs.Server -c Release -o bench/.build/collabdocs"; exit 1; }
# W^X off: JIT code in plain anonymous memory, so perf names it from /tmp/perf-<pid>.map
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 "$bench/collabdocs/run-server.sh" "$dll" "$port" >"$out/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
(cd "$bench" && node load/loadgen.js --adapter collabdocs --url "http://127.0.0.1:$port/hubs/docs" --writers "${WRITERS:-1}" --mode "${MODE:-ack}" \
  --duration $((secs + 90)) --quiet >"$out/loadgen.json") &
lg=$!
ctx() { cat /proc/"$pid"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt/{v+=$2} /^nonvoluntary_ctxt/{n+=$2} END{print v, n}'; }
acks() { curl -sf "http://127.0.0.1:$port/metrics" 2>/dev/null | awk '/^collabdocs_operations_committed_total/{s+=$2} END{print s+0}'; }
# warm-up (tiered JIT, pools): start sampling once WARMUP (5,000) operations are committed (at most 60 s); with
# WARMUP=60000 the tiering is over (about 45 s of a-ack on 2 cores) and the profile shows the steady state
for _ in $(seq 1 600); do [ "$(acks)" -ge "${WARMUP:-5000}" ] && break; sleep 0.1; done
read -r v0 n0 <<<"$(ctx)"; c0=$(acks); t0=$(date +%s.%N); cpu0=$(awk '{print $14+$15}' /proc/$pid/stat)
# allocation rate, GC and thread-pool counters over the same window (dotnet-counters, a local tool)
(cd "$bench/.." && timeout $((secs + 30)) dotnet tool run dotnet-counters collect -p "$pid" --counters System.Runtime \
  --format csv -o "$out/counters.csv" --refresh-interval 1 --duration "00:00:$(printf %02d "$secs")" >"$out/counters.log" 2>&1) &
counters=$!
perf record -F 499 -g -p "$pid" -o "$out/perf.data" -- sleep "$secs" 2>"$out/perf-record.log"
wait $counters || true
read -r v1 n1 <<<"$(ctx)"; c1=$(acks); t1=$(date +%s.%N); cpu1=$(awk '{print $14+$15}' /proc/$pid/stat)
threads=$(ls /proc/$pid/task | wc -l)
kill $lg 2>/dev/null || true; kill $pid; wait $pid 2>/dev/null || true
trap - EXIT
awk -v v=$((v1 - v0)) -v n=$((n1 - n0)) -v c=$((c1 - c0)) -v cpu=$((cpu1 - cpu0)) -v t0="$t0" -v t1="$t1" -v th="$threads" 'BEGIN {
  printf "during the profile (%.1f s): %d operations committed (%.0f/s), server CPU %d ms = %.0f us/operation, %d voluntary + %d involuntary context switches = %.1f per operation, %d threads\n", t1 - t0, c, c / (t1 - t0), cpu * 10, c ? cpu * 10000 / c : 0, v, n, c ? (v + n) / c : 0, th }' | tee "$out/switches.txt"
perf script -i "$out/perf.data" -F tid,ip,sym,dso 2>/dev/null >"$out/perf.script"
perf report -i "$out/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -15 >"$out/by-dso.txt"
node "$bench/profile/perf-categorize.js" "$out/perf.script" >"$out/categories.md"; cat "$out/categories.md"
[ -s "$out/counters.csv" ] && node "$bench/profile/counters-summary.js" "$out/counters.csv" "$(awk '{print $0}' "$out/switches.txt" | sed -E 's/.*operations committed \(([0-9]+)\/s\).*/\1/')" | tee "$out/counters.md" || true
