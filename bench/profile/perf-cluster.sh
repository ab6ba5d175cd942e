#!/usr/bin/env bash
# CPU profile of a two-node CollabDocs cluster (bench/collabdocs/run-cluster.sh: PostgreSQL, Redis, Orleans silos,
# nginx) under a kit scenario, e-docs100 by default (100 documents, 2 writers each, one edit in flight per writer):
# perf sampling (499 Hz, call graphs) of both nodes while the load generator runs through nginx, JIT frames named
# through DOTNET_PerfMapEnabled=1.
# Prints operations/s, server CPU per operation (both nodes) and where it went (perf-categorize.js). Needs perf, and
# PostgreSQL and Redis as run-cluster.sh does:
#   COLLABDOCS_BENCH_POSTGRES="Host=127.0.0.1;Port=47432;Username=postgres;Database=bench" \
#   COLLABDOCS_BENCH_REDIS=127.0.0.1:47379 bench/profile/perf-cluster.sh [seconds=20] [out=bench/results/profile-cluster-<time>]
# COLLABDOCS_BENCH_NODES=1 profiles one clustered node (the like-for-like baseline of run-cluster.sh).
# SCENARIO=b-ack10 (10 writers on one document) or SCENARIO=c-fanout-ack (1 writer, 100 readers) profiles those
# instead; WARMUP=N samples once N operations are committed (default 20,000; at most 90 s after the load starts).
set -euo pipefail
bench=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-20}
out=${2:-$bench/results/profile-cluster-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out" && out=$(cd "$out" && pwd)
port=${PORT:-18930}
dll=$bench/.build/collabdocs/CollabDocs.Server.dll
[ -f "$dll" ] || { echo "publish first: dotnet publish src/CollabDocs.Server -c Release -o bench/.build/collabdocs"; exit 1; }
: "${COLLABDOCS_BENCH_POSTGRES:?set COLLABDOCS_BENCH_POSTGRES (see run-cluster.sh)}" "${COLLABDOCS_BENCH_REDIS:?set COLLABDOCS_BENCH_REDIS}"
case ${SCENARIO:-e-docs100} in
  e-docs100) load=(--docs 100 --writers 2 --readers 0) ;;
  b-ack10) load=(--writers 10 --readers 0) ;;
  c-fanout-ack) load=(--writers 1 --readers 100) ;;
  *) echo "SCENARIO: e-docs100, b-ack10 or c-fanout-ack"; exit 1 ;;
esac
# W^X off: JIT code in plain anonymous memory, so perf names it from /tmp/perf-<pid>.map
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 "$bench/collabdocs/run-cluster.sh" "$dll" "$port" >"$out/cluster.log" 2>&1 &
cluster=$!
trap 'kill $cluster 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
pids=$(pgrep -f "CollabDocs.Server.dll --urls http://127.0.0.1:$((port + 1))|CollabDocs.Server.dll --urls http://127.0.0.1:$((port + 2))" | paste -sd, -)
nodes=$(echo "$pids" | tr ',' '\n' | wc -l)
(cd "$bench" && node load/loadgen.js --adapter collabdocs --url "http://127.0.0.1:$port/hubs/docs" "${load[@]}" \
  --mode ack --connect-concurrency 50 --duration $((secs + 90)) --quiet >"$out/loadgen.json") &
lg=$!
cpu() { for p in ${pids//,/ }; do awk '{print $14+$15}' /proc/"$p"/stat; done | awk '{s+=$1} END{print s}'; }
acks() { for n in $(seq 1 "$nodes"); do curl -sf "http://127.0.0.1:$((port + n))/metrics" 2>/dev/null; done | awk '/^collabdocs_operations_committed_total/{s+=$2} END{print s+0}'; }
# warm-up (tiered JIT, pools, grain activations): sample once $WARMUP operations are committed (at most 90 s)
for _ in $(seq 1 900); do [ "$(acks)" -ge "${WARMUP:-20000}" ] && break; sleep 0.1; done
c0=$(acks); t0=$(date +%s.%N); cpu0=$(cpu)
perf record -F 499 -g -p "$pids" -o "$out/perf.data" -- sleep "$secs" 2>"$out/perf-record.log"
c1=$(acks); t1=$(date +%s.%N); cpu1=$(cpu)
kill $lg 2>/dev/null || true; kill $cluster; wait $cluster 2>/dev/null || true
trap - EXIT
awk -v s="${SCENARIO:-e-docs100}" -v c=$((c1 - c0)) -v cpu=$((cpu1 - cpu0)) -v t0="$t0" -v t1="$t1" -v n="$nodes" 'BEGIN {
  printf "%s, during the profile (%.1f s, %d nodes): %d operations committed (%.0f/s), CollabDocs CPU %d ms = %.0f us/operation\n", s, t1 - t0, n, c, c / (t1 - t0), cpu * 10, c ? cpu * 10000 / c : 0 }' | tee "$out/summary.txt"
perf script -i "$out/perf.data" -F tid,ip,sym,dso 2>/dev/null >"$out/perf.script"
perf report -i "$out/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -15 >"$out/by-dso.txt"
node "$bench/profile/perf-categorize.js" "$out/perf.script" >"$out/categories.md"; cat "$out/categories.md"
