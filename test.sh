#!/usr/bin/env bash
# Runs every test of CollabDocs on a fresh Debian machine with the .NET SDK and Node, as root.
# Installs and starts on loopback whatever the tests need, then prints "tests: N passed, N failed".
#
# Extension points (run in name order):
#   tests/ci/*.setup.sh     sourced before the tests: install packages, start services, export variables
#   tests/ci/*.test.sh      extra suites (Node, browser, cluster); each prints "<name>: N passed, N failed"
#   tests/ci/*.teardown.sh  sourced at exit: stop services
set -uo pipefail
cd "$(dirname "$0")"
export COLLABDOCS_ROOT=$(pwd)
export COLLABDOCS_CI_OUT="$COLLABDOCS_ROOT/.ci-out"
rm -rf "$COLLABDOCS_CI_OUT" && mkdir -p "$COLLABDOCS_CI_OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
passed=0
failed=0

teardown() {
  for script in tests/ci/*.teardown.sh; do [ -e "$script" ] && { source "$script" || true; }; done
}
trap teardown EXIT

add_counts() { # reads "…: N passed, N failed" lines from a file and adds them up
  local p f
  p=$(grep -hoE '[0-9]+ passed, [0-9]+ failed' "$@" 2>/dev/null | awk '{s+=$1} END {print s+0}')
  f=$(grep -hoE '[0-9]+ passed, [0-9]+ failed' "$@" 2>/dev/null | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

for script in tests/ci/*.setup.sh; do
  [ -e "$script" ] || continue
  echo "== setup: $script"
  if ! source "$script"; then echo "setup failed: $script"; failed=$((failed + 1)); fi
done

echo "== build"
if ! dotnet build CollabDocs.sln -c Release >"$COLLABDOCS_CI_OUT/build.log" 2>&1; then
  grep -E ' error ' "$COLLABDOCS_CI_OUT/build.log" | sort -u | head -40
  echo "tests: $passed passed, $((failed + 1)) failed"
  exit 1
fi

echo "== dotnet tests"
dotnet test CollabDocs.sln -c Release --no-build --logger "console;verbosity=minimal" >"$COLLABDOCS_CI_OUT/dotnet-test.log" 2>&1
dotnet_rc=$?
grep -E '^(Passed|Failed)!|^\s+Failed |\[FAIL\]' "$COLLABDOCS_CI_OUT/dotnet-test.log" || true
sed -nE 's/^(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+).*/\3 passed, \2 failed/p' "$COLLABDOCS_CI_OUT/dotnet-test.log" >"$COLLABDOCS_CI_OUT/dotnet.counts"
add_counts "$COLLABDOCS_CI_OUT/dotnet.counts"
if [ "$dotnet_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $dotnet_rc"; tail -30 "$COLLABDOCS_CI_OUT/dotnet-test.log"; failed=$((failed + 1))
fi

for script in tests/ci/*.test.sh; do
  [ -e "$script" ] || continue
  name=$(basename "$script" .test.sh)
  echo "== suite: $name"
  log="$COLLABDOCS_CI_OUT/$name.log"
  bash "$script" >"$log" 2>&1
  rc=$?
  tail -15 "$log"
  before=$failed
  add_counts <(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$log" | tail -1)
  if [ "$rc" -ne 0 ] && [ "$failed" -eq "$before" ]; then
    echo "suite $name exited with $rc"; failed=$((failed + 1))
  fi
done

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
