#!/usr/bin/env bash
# a-ack against the published CollabDocs server under runtime settings given only by environment
# variables (no code change): peak RSS, CPU per edit, throughput, medians of --runs (default 2).
#   bench/profile/gc-variants.sh [runs=2] [duration=30]
#   ONLY="0 10 11" bench/profile/gc-variants.sh 2 20      # some variants only (indexes in the list below)
set -euo pipefail
bench=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-2}
duration=${2:-30}
out=$bench/results/gc-$(date -u +%Y%m%d-%H%M%S)
variants=(
  "baseline (Workstation GC, concurrent, tiered + PGO)|"
  "DOTNET_GCgen0size=0x400000 (4 MB gen0 budget)|DOTNET_GCgen0size=0x400000"
  "DOTNET_GCgen0size=0x100000 (1 MB)|DOTNET_GCgen0size=0x100000"
  "DOTNET_GCConserveMemory=7|DOTNET_GCConserveMemory=7"
  "DOTNET_gcConcurrent=0|DOTNET_gcConcurrent=0"
  "DOTNET_gcServer=1 (for contrast; 0 is the default)|DOTNET_gcServer=1"
  "DOTNET_TieredPGO=0|DOTNET_TieredPGO=0"
  "DOTNET_TieredCompilation=0|DOTNET_TieredCompilation=0"
  "DOTNET_TC_CallCountingDelayMs=0 (tier up without the 100 ms quiet period)|DOTNET_TC_CallCountingDelayMs=0"
  "gen0 4 MB + ConserveMemory 7 + gcConcurrent 0|DOTNET_GCgen0size=0x400000 DOTNET_GCConserveMemory=7 DOTNET_gcConcurrent=0"
  "DOTNET_EnableWriteXorExecute=0 (no double-mapped code pages)|DOTNET_EnableWriteXorExecute=0"
  "W^X off + gen0 4 MB + TieredPGO 0|DOTNET_EnableWriteXorExecute=0 DOTNET_GCgen0size=0x400000 DOTNET_TieredPGO=0"
)
mkdir -p "$out"
i=0
for v in "${variants[@]}"; do
  name=${v%%|*}; env=${v#*|}
  if [ -n "${ONLY:-}" ] && ! [[ " $ONLY " == *" $i "* ]]; then i=$((i + 1)); continue; fi
  (cd "$bench" && node kit/run.js --peer collabdocs --only a-ack --runs "$runs" --duration "$duration" \
    --out "$out/v$i" ${env:+--env-server "$env"} --port $((18500 + i * 10))) >"$out/v$i.log" 2>&1 || true
  echo "$name" >"$out/v$i/name.txt"
  grep '^\[run\]' "$out/v$i.log" || tail -3 "$out/v$i.log"
  i=$((i + 1))
done
node "$bench/profile/gc-table.js" "$out"
echo "table: $out/table.md"
