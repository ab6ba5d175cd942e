#!/usr/bin/env bash
# Raises the descriptor limit (10,000 sockets on each side) and runs idle.js; arguments pass through.
set -euo pipefail
ulimit -n "$(ulimit -Hn)"
need=$(( ${CONNECTIONS:-10000} + 1000 ))
[ "$(ulimit -n)" -ge "$need" ] || { echo "ulimit -n is $(ulimit -n), need $need (raise the hard limit)"; exit 1; }
range=$(sysctl -n net.ipv4.ip_local_port_range | awk '{print $2 - $1}')
[ "$range" -ge "${CONNECTIONS:-10000}" ] || echo "warning: only $range ephemeral ports (net.ipv4.ip_local_port_range)"
exec node "$(dirname "$0")/idle.js" "$@"
