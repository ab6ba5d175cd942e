#!/usr/bin/env bash
# One command for the side-by-side comparison: publishes the CollabDocs server (Release), installs the
# peers' pinned npm packages (npm ci), runs every scenario against CollabDocs, ShareDB and Hocuspocus,
# and writes markdown tables to bench/results/<UTC time>/tables.md.
#   bench/run-all.sh                         # default scenarios, 2 runs each (~30 min on 2 cores)
#   bench/run-all.sh --runs 1 --only a-ack,c-fanout-ack --duration 5      # quick check
#   bench/run-all.sh --peers collabdocs,sharedb --only d-readers1000       # 1 writer, 1,000 readers
#   SKIP_PUBLISH=1 bench/run-all.sh ...      # reuse bench/.build/collabdocs
# Options: --runs N (2), --only a,b (scenarios), --peers (collabdocs,sharedb,hocuspocus), --out (folder under
# bench/); others (--duration S, --trace NAME) pass to bench/kit/run.js. Servers are interleaved run by run.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
peers=collabdocs,sharedb,hocuspocus
out="results/$(date -u +%Y%m%d-%H%M%S)"
runs=2
only=
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --peers) peers=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done

if [ -z "${SKIP_PUBLISH:-}" ]; then
  echo "== publishing the CollabDocs server (Release) to bench/.build/collabdocs"
  dotnet publish "$repo/src/CollabDocs.Server" -c Release -o "$bench/.build/collabdocs" -p:SkipWebDemo=true -nologo -v q
fi
for d in load sharedb hocuspocus; do
  if [ ! -d "$bench/$d/node_modules" ] || [ "$bench/$d/package-lock.json" -nt "$bench/$d/node_modules/.package-lock.json" ]; then
    (cd "$bench/$d" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

mkdir -p "$bench/$out"
{ date -u +'started %Y-%m-%dT%H:%M:%SZ'; lscpu | grep 'Model name' || true; nproc; node --version; dotnet --version
  git -C "$repo" rev-parse --short HEAD; echo "bench/run-all.sh --runs $runs --peers $peers ${only:+--only $only} ${pass[*]:-}"; } >"$bench/$out/machine.txt"
# Interleaved: for each scenario and run, every server once in turn, so that load from other jobs on the
# machine falls on all of them alike.
IFS=, read -ra list <<<"$peers"
scenarios=$only
[ -n "$scenarios" ] || scenarios=$(cd "$bench" && node kit/run.js --list)
IFS=, read -ra sclist <<<"$scenarios"
port=18100
for sc in "${sclist[@]}"; do
  for r in $(seq 1 "$runs"); do
    for p in "${list[@]}"; do
      (cd "$bench" && node kit/run.js --peer "$p" --runs 1 --only "$sc" --append --port "$port" --out "$out" ${pass[@]+"${pass[@]}"}) >>"$bench/$out/$p.log" 2>&1 \
        || { echo "run.js failed for $p $sc (see $out/$p.log)"; tail -3 "$bench/$out/$p.log"; }
      grep '^\[run\]' "$bench/$out/$p.log" | tail -1 | sed "s/#1:/run $r:/" || true
      port=$((port + 1))
    done
  done
done
date -u +'finished %Y-%m-%dT%H:%M:%SZ' >>"$bench/$out/machine.txt"
node "$bench/kit/compare.js" "$bench/$out"
echo "tables: bench/$out/tables.md"
