#!/usr/bin/env bash
# The TypeScript client library's unit tests (web-demo/test, Vitest). Prints "web: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../../web-demo"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npx vitest run --reporter=default 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >"${COLLABDOCS_CI_OUT:-/tmp}/web-vitest.txt"
rc=${PIPESTATUS[0]}
grep -E "(✓|×|FAIL)" "${COLLABDOCS_CI_OUT:-/tmp}/web-vitest.txt" | head -20
summary=$(grep -E '^ +Tests +' "${COLLABDOCS_CI_OUT:-/tmp}/web-vitest.txt" | tail -1)
passed=$(echo "$summary" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
failed=$(echo "$summary" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 0)
[ -n "$summary" ] || failed=1
echo "web: ${passed:-0} passed, ${failed:-0} failed"
exit $rc
