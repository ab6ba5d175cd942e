# Sourced by test.sh. A throwaway PostgreSQL cluster for the store specification and the cluster tests:
# Debian's postgresql (installed only when missing), initdb in a temporary folder, listening on
# 127.0.0.1:${COLLABDOCS_PG_PORT:-55432} only, run as the postgres user, trust authentication on loopback.
# Exports COLLABDOCS_TEST_POSTGRES (an Npgsql connection string to the "postgres" database; tests create
# their own databases). 10-postgres.teardown.sh stops it and removes the folder.

collabdocs_postgres_setup() {
  local port=${COLLABDOCS_PG_PORT:-55432} bindir
  # A port still held by something else (a leftover server of an interrupted run): take the next free one.
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    echo "installing postgresql (apt)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null || return 1
  fi
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  COLLABDOCS_PG_BIN=$bindir
  COLLABDOCS_PG_DIR=$(mktemp -d /tmp/collabdocs-pg.XXXXXX) || return 1
  export COLLABDOCS_PG_BIN COLLABDOCS_PG_DIR
  chown postgres:postgres "$COLLABDOCS_PG_DIR"
  runuser -u postgres -- "$bindir/initdb" -D "$COLLABDOCS_PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$COLLABDOCS_PG_DIR/initdb.log" 2>&1 \
    || { cat "$COLLABDOCS_PG_DIR/initdb.log"; return 1; }
  # Durability is not under test here (PostgreSQL is never crashed): fsync off keeps CI fast.
  runuser -u postgres -- "$bindir/pg_ctl" -D "$COLLABDOCS_PG_DIR/data" -l "$COLLABDOCS_PG_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $COLLABDOCS_PG_DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
    || { tail -20 "$COLLABDOCS_PG_DIR/server.log"; return 1; }
  export COLLABDOCS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "postgresql on 127.0.0.1:$port ($COLLABDOCS_PG_DIR)"
}

collabdocs_postgres_setup
