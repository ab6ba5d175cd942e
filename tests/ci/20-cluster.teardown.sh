# Sourced by test.sh at exit: stops the Redis and nginx of 20-cluster.setup.sh and removes their folder.
# (Server nodes are started and stopped by the cluster tests themselves.)
if [ -n "${COLLABDOCS_CLUSTER_DIR:-}" ] && [ -d "$COLLABDOCS_CLUSTER_DIR" ]; then
  for pidfile in "$COLLABDOCS_CLUSTER_DIR/nginx/nginx.pid" "$COLLABDOCS_CLUSTER_DIR/redis/redis.pid"; do
    [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  sleep 0.3
  rm -rf "$COLLABDOCS_CLUSTER_DIR"
fi
if [ -n "${COLLABDOCS_RESERVED_PORTS_BEFORE+set}" ]; then
  echo "$COLLABDOCS_RESERVED_PORTS_BEFORE" >/proc/sys/net/ipv4/ip_local_reserved_ports 2>/dev/null || true
fi
