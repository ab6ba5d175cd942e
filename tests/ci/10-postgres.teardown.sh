# Sourced by test.sh at exit: stops the PostgreSQL started by 10-postgres.setup.sh and removes its folder.
if [ -n "${COLLABDOCS_PG_DIR:-}" ] && [ -d "$COLLABDOCS_PG_DIR/data" ]; then
  runuser -u postgres -- "$COLLABDOCS_PG_BIN/pg_ctl" -D "$COLLABDOCS_PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  rm -rf "$COLLABDOCS_PG_DIR"
fi
