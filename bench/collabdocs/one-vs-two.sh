#!/usr/bin/env bash
# Issue 11's comparison in one command: one SQLite node against two clustered nodes behind nginx (PostgreSQL,
# Redis, one Orleans silo per node; bench/collabdocs/run-cluster.sh), the same published build, interleaved
# scenario by scenario and run by run, then a table of both topologies with the ratios issue 11 sets targets on
# (bench/kit/one-vs-two.js). Starts a throwaway PostgreSQL (tests/ci/10-postgres.setup.sh, fsync off) and
# redis-server on loopback, and stops both at the end.
#   bench/collabdocs/one-vs-two.sh                                   # b-ack10,b-flood10,c-fanout-ack,e-docs100
#   bench/collabdocs/one-vs-two.sh --only b-ack10 --warmup 120 --runs 2 --out results/one-vs-two-x
#   SKIP_PUBLISH=1 ...                                              # reuse bench/.build/collabdocs
#   ... --clustered-one     # also one clustered node behind nginx (PostgreSQL, Redis, a silo): the like-for-like
#                           # baseline that separates the second node's cost from the cluster services'
# Options: --clustered-one (above), --only (scenarios), --warmup S (120: the cluster has more code to warm than one node; see
# BENCHMARKS.md), --runs N (1), --out (folder under bench/), --env-server "A=1 B=2" (both topologies),
# --dll /abs/CollabDocs.Server.dll (another published build, e.g. an older commit's; nothing is published).
set -euo pipefail
bench=$(cd "$(dirname "$0")/.." && pwd)
repo=$(cd "$bench/.." && pwd)
only=b-ack10,b-flood10,c-fanout-ack,e-docs100
warmup=120
runs=1
out="results/one-vs-two-$(date -u +%Y%m%d-%H%M%S)"
envs=
dll=
clustered_one=
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --env-server) envs=$2; shift 2 ;;
    --dll) dll=$(realpath "$2"); shift 2 ;;
    --clustered-one) clustered_one=1; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
if [ -z "$dll" ] && [ -z "${SKIP_PUBLISH:-}" ]; then
  echo "== publishing the CollabDocs server (Release) to bench/.build/collabdocs"
  dotnet publish "$repo/src/CollabDocs.Server" -c Release -o "$bench/.build/collabdocs" -p:SkipWebDemo=true -nologo -v q
fi
dll=${dll:-$bench/.build/collabdocs/CollabDocs.Server.dll}
[ -f "$dll" ] || { echo "no server build at $dll"; exit 1; }
[ -d "$bench/load/node_modules" ] || (cd "$bench/load" && npm ci --no-audit --no-fund --loglevel=error)
command -v redis-server >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null; }

export COLLABDOCS_PG_PORT=${COLLABDOCS_PG_PORT:-47432}
# shellcheck source=/dev/null
source "$repo/tests/ci/10-postgres.setup.sh"
pg_port=${COLLABDOCS_TEST_POSTGRES#*Port=}; pg_port=${pg_port%%;*}
redis_port=${COLLABDOCS_REDIS_PORT:-47379}
while (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null; do redis_port=$((redis_port + 1)); done
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null
cleanup() {
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  # shellcheck source=/dev/null
  source "$repo/tests/ci/10-postgres.teardown.sh"
}
trap cleanup EXIT
"$COLLABDOCS_PG_BIN/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -c 'create database bench' >/dev/null
export COLLABDOCS_BENCH_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=bench"
export COLLABDOCS_BENCH_REDIS="127.0.0.1:$redis_port"
# PostgreSQL (the postmaster and its backends) and Redis serve only the clustered topologies; the kit samples
# their CPU over each measured window beside the server's.
service_pids="$(head -1 "$COLLABDOCS_PG_DIR/data/postmaster.pid"),$(redis-cli -p "$redis_port" info server | sed -n 's/^process_id:\([0-9]*\).*/\1/p')"

mkdir -p "$bench/$out"
{ date -u +'started %Y-%m-%dT%H:%M:%SZ'; lscpu | grep 'Model name' || true; nproc; git -C "$repo" rev-parse --short HEAD
  echo "bench/collabdocs/one-vs-two.sh --only $only --warmup $warmup --runs $runs ${clustered_one:+--clustered-one} ${envs:+--env-server \"$envs\"} (server: $dll)"; } >"$bench/$out/machine.txt"
kit() {
  (cd "$bench" && node kit/run.js --peer custom --adapter collabdocs --url "http://127.0.0.1:{port}/hubs/docs" \
    --warmup "$warmup" --runs 1 --append ${envs:+--env-server "$envs"} "$@")
}
# Below Linux's ephemeral range (32768-60999): a port there can be taken by an outgoing connection of an earlier
# run, and nginx or a node then fails to listen.
port=27500
IFS=, read -ra scenarios <<<"$only"
for sc in "${scenarios[@]}"; do
  for r in $(seq 1 "$runs"); do
    kit --server-cmd "collabdocs/run-server.sh $dll {port}" --only "$sc" --port "$port" --out "$out/1node" \
      >>"$bench/$out/1node.log" 2>&1 || echo "1 node $sc failed (see $out/1node.log)"
    grep '^\[run\]' "$bench/$out/1node.log" | tail -1 | sed "s/^\[run\] custom/1 node /; s/#1:/run $r:/" || true
    if [ -n "$clustered_one" ]; then
      (export COLLABDOCS_BENCH_NODES=1
       kit --server-cmd "collabdocs/run-cluster.sh $dll {port}" --only "$sc" --port $((port + 50)) --out "$out/1clustered" \
         --service-pids "$service_pids" >>"$bench/$out/1clustered.log" 2>&1) || echo "1 clustered node $sc failed (see $out/1clustered.log)"
      grep '^\[run\]' "$bench/$out/1clustered.log" | tail -1 | sed "s/^\[run\] custom/1 clustered/; s/#1:/run $r:/" || true
    fi
    kit --server-cmd "collabdocs/run-cluster.sh $dll {port}" --only "$sc" --port $((port + 20)) --out "$out/2nodes" \
      --service-pids "$service_pids" >>"$bench/$out/2nodes.log" 2>&1 || echo "2 nodes $sc failed (see $out/2nodes.log)"
    grep '^\[run\]' "$bench/$out/2nodes.log" | tail -1 | sed "s/^\[run\] custom/2 nodes/; s/#1:/run $r:/" || true
    port=$((port + 80))
  done
done
date -u +'finished %Y-%m-%dT%H:%M:%SZ' >>"$bench/$out/machine.txt"
node "$bench/kit/one-vs-two.js" "$bench/$out" | tee "$bench/$out/tables.md"
echo "tables: bench/$out/tables.md"
