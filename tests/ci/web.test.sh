#!/usr/bin/env bash
# The TypeScript client library's unit tests (web-demo/test, Vitest). Prints "web: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/../../web-demo"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npx vitest run --reporter=default 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >"${COLLABDOCS_CI_OUT:-/tmp}/web-vitest.txt"
rc=${PIPESTATUS[0]}
grep -E "(✓|×|FAIL)" "${COLLABDOCS_CI_OUT:-/tmp}/web-vitest.txt" | head -20
summary=$(grep -E '^ +Tests +' "${COLLABDOCS_CI_OUT:-/tmp}/web-vitest.txt" | tail -1)
passed=$(echo "$summary" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
failed=$(echo "$summary" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 0)
# Vitest reports skipped and todo tests separately ("Tests  3 passed | 1 skipped | 1 todo (5)"); both are skips.
skipped=$(echo "$summary" | grep -oE '[0-9]+ (skipped|todo)' | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
[ -n "$summary" ] || failed=1
echo "web: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $rc
