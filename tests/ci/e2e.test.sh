#!/usr/bin/env bash
# End-to-end tests of the demo in a real browser: Debian's chromium driven by playwright-core against a
# real server process on 127.0.0.1 (web-demo/e2e). Prints "e2e: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/../.."
# Debian's chromium comes from tests/ci/30-chromium.setup.sh (./test.sh sources it before any suite).
[ -x /usr/bin/chromium ] || { echo "no /usr/bin/chromium: apt-get install chromium (./test.sh does)"; echo "e2e: 0 passed, 1 failed, 0 skipped"; exit 1; }
[ -f src/CollabDocs.Server/bin/Release/net10.0/CollabDocs.Server.dll ] || dotnet build src/CollabDocs.Server -c Release >/dev/null
cd web-demo
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
out="${COLLABDOCS_CI_OUT:-/tmp}/e2e-tap.txt"
timeout 900 node --test --test-concurrency=1 --test-reporter=tap e2e/ >"$out" 2>&1
rc=$?
grep -E '^(not )?ok ' "$out" || tail -40 "$out"
passed=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$out" | tail -1)
failed=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$out" | tail -1)
# node --test's TAP summary counts skipped and todo tests on their own lines; both are skips.
skipped=$(sed -nE 's/^# (skipped|todo) ([0-9]+)$/\2/p' "$out" | awk '{s+=$1} END {print s+0}')
[ -n "$passed" ] || { tail -40 "$out"; failed=1; }
echo "e2e: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $rc
