# Sourced by test.sh. Redis and nginx for the cluster tests (tests/CollabDocs.Cluster.Tests), from Debian's
# packages (installed only when missing), each in a temporary folder on loopback ports:
#   redis-server  127.0.0.1:${COLLABDOCS_REDIS_PORT:-56379}  (no persistence; the tests restart it)
#   redis keeps an append-only file: it holds Orleans' membership table, which must survive a restart.
#   nginx         127.0.0.1:${COLLABDOCS_NGINX_PORT:-55180}  deploy/nginx.conf with the upstream rewritten to
#                 127.0.0.1:55181 and 127.0.0.1:55182, where the tests start the first two server nodes.
# Tests that need a third node start it on 127.0.0.1:${COLLABDOCS_NODE3_PORT:-55183} (not behind nginx). Node n's
# silo listens on 127.0.0.1:$((COLLABDOCS_SILO_PORT + n)) (default 55190 + n).
# PostgreSQL comes from 10-postgres.setup.sh. 20-cluster.teardown.sh stops both and removes the folder.

collabdocs_cluster_setup() {
  local redis_port=${COLLABDOCS_REDIS_PORT:-56379} nginx_port=${COLLABDOCS_NGINX_PORT:-55180}
  local node1=${COLLABDOCS_NODE1_PORT:-55181} node2=${COLLABDOCS_NODE2_PORT:-55182} node3=${COLLABDOCS_NODE3_PORT:-55183}
  local silo=${COLLABDOCS_SILO_PORT:-55190} missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v nginx >/dev/null || missing+=(nginx)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} (apt)"
    # The services' own init scripts must not start them on the default ports.
    [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; COLLABDOCS_REMOVE_POLICY=1; }
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    local rc=$?
    [ -n "${COLLABDOCS_REMOVE_POLICY:-}" ] && rm -f /usr/sbin/policy-rc.d
    [ $rc -eq 0 ] || return 1
  fi

  COLLABDOCS_CLUSTER_DIR=$(mktemp -d /tmp/collabdocs-cluster.XXXXXX) || return 1
  export COLLABDOCS_CLUSTER_DIR
  local dir=$COLLABDOCS_CLUSTER_DIR

  mkdir -p "$dir/redis"
  cat >"$dir/redis/redis.conf" <<CONF
bind 127.0.0.1
port $redis_port
daemonize yes
pidfile $dir/redis/redis.pid
logfile $dir/redis/redis.log
dir $dir/redis
save ""
appendonly yes
appendfsync everysec
protected-mode yes
CONF
  redis-server "$dir/redis/redis.conf" || return 1
  local i
  for i in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$redis_port" ping >/dev/null || { cat "$dir/redis/redis.log"; return 1; }

  mkdir -p "$dir/nginx/temp"
  chown -R www-data "$dir/nginx/temp" 2>/dev/null || chmod 777 "$dir/nginx/temp"
  sed -e "s/server node1:8080/server 127.0.0.1:$node1/" -e "s/server node2:8080/server 127.0.0.1:$node2/" \
      -e "s/listen 80;/listen 127.0.0.1:$nginx_port;/" deploy/nginx.conf >"$dir/nginx/collabdocs.conf"
  cat >"$dir/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/nginx/temp/body;
    proxy_temp_path $dir/nginx/temp/proxy;
    fastcgi_temp_path $dir/nginx/temp/fastcgi;
    uwsgi_temp_path $dir/nginx/temp/uwsgi;
    scgi_temp_path $dir/nginx/temp/scgi;
    include $dir/nginx/collabdocs.conf;
}
CONF
  nginx -e "$dir/nginx/error.log" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" || { cat "$dir/nginx/error.log"; return 1; }

  # The tests bind the node, silo and Redis ports again and again. Meanwhile the kernel must not hand one out as the
  # local port of some outgoing connection (they lie in the ephemeral range; seen once under load: a node's port held
  # for the 60 s a test waits). Reserved while the tests run; 20-cluster.teardown.sh restores the list.
  local reserved=/proc/sys/net/ipv4/ip_local_reserved_ports
  if [ -w "$reserved" ]; then
    COLLABDOCS_RESERVED_PORTS_BEFORE=$(cat "$reserved")
    export COLLABDOCS_RESERVED_PORTS_BEFORE
    echo "${COLLABDOCS_RESERVED_PORTS_BEFORE:+$COLLABDOCS_RESERVED_PORTS_BEFORE,}$nginx_port,$node1,$node2,$node3,$((silo + 1))-$((silo + 3)),$redis_port" >"$reserved" ||
      echo "note: could not reserve the test ports ($reserved)"
  fi

  export COLLABDOCS_TEST_REDIS="127.0.0.1:$redis_port"
  export COLLABDOCS_TEST_REDIS_CONF="$dir/redis/redis.conf"
  export COLLABDOCS_TEST_NGINX="http://127.0.0.1:$nginx_port"
  export COLLABDOCS_TEST_NODES="http://127.0.0.1:$node1 http://127.0.0.1:$node2 http://127.0.0.1:$node3"
  export COLLABDOCS_TEST_SILO_PORTS="$((silo + 1)) $((silo + 2)) $((silo + 3))"
  echo "redis on $COLLABDOCS_TEST_REDIS, nginx on $COLLABDOCS_TEST_NGINX → $COLLABDOCS_TEST_NODES ($dir)"
}

collabdocs_cluster_setup
