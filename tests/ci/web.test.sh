#!/usr/bin/env bash
# The TypeScript client package's unit tests (src/collabdocs-client/test, Vitest) and the type-checks of
# the package and of the demo that consumes it. Prints "web: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="${COLLABDOCS_CI_OUT:-/tmp}/web-vitest.txt"
cd "$root/src/collabdocs-client"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npx vitest run --reporter=default 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >"$out"
rc=${PIPESTATUS[0]}
grep -E "(✓|×|FAIL)" "$out" | head -20
summary=$(grep -E '^ +Tests +' "$out" | tail -1)
passed=$(echo "$summary" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
failed=$(echo "$summary" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 0)
[ -n "$summary" ] || failed=1
passed=${passed:-0}
failed=${failed:-0}

typecheck() { # typecheck <name> <dir>: one test each
  if (cd "$2" && npx tsc --noEmit -p tsconfig.json); then passed=$((passed + 1)); else echo "FAIL typecheck $1"; failed=$((failed + 1)); rc=1; fi
}
typecheck client "$root/src/collabdocs-client"
# The demo type-checks against the built package (dist/), as any app would.
(npm run build --silent) || { echo "FAIL client build"; failed=$((failed + 1)); rc=1; }
cd "$root/web-demo"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
typecheck web-demo "$root/web-demo"
echo "web: $passed passed, $failed failed"
exit $rc
