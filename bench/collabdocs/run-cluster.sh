#!/usr/bin/env bash
# Starts a two-node CollabDocs cluster for the peer benchmark kit: nodes on PORT+1 and PORT+2 (their Orleans
# silos on PORT+11 and PORT+12) sharing PostgreSQL and Redis, behind nginx (deploy/nginx.conf, round robin) on PORT. The kit samples this
# script's whole process tree (both nodes and nginx) and stops it with SIGTERM.
#   COLLABDOCS_BENCH_POSTGRES="Host=127.0.0.1;Port=55432;Username=postgres;Database=bench" \
#   COLLABDOCS_BENCH_REDIS=127.0.0.1:56379 run-cluster.sh /abs/publish/CollabDocs.Server.dll PORT
# COLLABDOCS_BENCH_NODES=1 starts one node only (still clustered: silo, PostgreSQL, Redis, nginx in front), the
# like-for-like baseline that separates the cost of a second node from the cost of the cluster's store and hops.
set -euo pipefail
dll=$1
port=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
nodes=${COLLABDOCS_BENCH_NODES:-2}
dir=$(mktemp -d /tmp/collabdocs-cluster-bench.XXXXXX)
export CollabDocs__Storage__Provider=PostgreSql
export CollabDocs__Storage__ConnectionString="$COLLABDOCS_BENCH_POSTGRES"
export CollabDocs__Redis__ConnectionString="$COLLABDOCS_BENCH_REDIS"
export CollabDocs__Redis__ChannelPrefix="bench$port"
export CollabDocs__Cluster__ClusterId="bench$port-$$"
export CollabDocs__Cluster__AdvertisedAddress=127.0.0.1
export CollabDocs__Auth__Mode=Anonymous
export CollabDocs__RateLimits__Enabled=false
export Logging__LogLevel__Default=Warning
trap 'kill $(jobs -p) 2>/dev/null; wait' TERM INT EXIT

for node in $(seq 1 "$nodes"); do
  CollabDocs__Cluster__SiloPort=$((port + 10 + node)) \
    dotnet "$dll" --urls "http://127.0.0.1:$((port + node))" --contentRoot "$dir" >"$dir/node$node.log" 2>&1 &
done
for node in $(seq 1 "$nodes"); do
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$((port + node))/health/ready" >/dev/null && break
    sleep 0.1
  done
done

mkdir -p "$dir/logs"
sed -e "s/server node1:8080/server 127.0.0.1:$((port + 1))/" \
    -e "s/server node2:8080/server 127.0.0.1:$((port + nodes))/" \
    -e "s/listen 80;/listen 127.0.0.1:$port;/" "$repo/deploy/nginx.conf" >"$dir/site.conf"
cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  include $dir/site.conf;
}
CONF
nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' &
wait
