#!/usr/bin/env bash
# Runs every test of CollabDocs on a fresh Debian machine with the .NET SDK and Node, as root.
# Installs and starts on loopback whatever the tests need, then prints "tests: N passed, N failed, N skipped".
# It cannot pass by skipping: COLLABDOCS_REQUIRE_SERVICES=1 turns every "service missing" skip into a
# failure, a skipped test counts as a failure, and a suite that reports 0 passed fails the run.
#
# Extension points (run in name order):
#   tests/ci/*.setup.sh     sourced before the tests: install packages, start services, export variables
#   tests/ci/*.test.sh      extra suites (Node, browser, cluster); each ends with "<name>: N passed, N failed, N skipped"
#   tests/ci/*.teardown.sh  sourced at exit: stop services
set -uo pipefail
cd "$(dirname "$0")"
export COLLABDOCS_ROOT=$(pwd)
export COLLABDOCS_CI_OUT="$COLLABDOCS_ROOT/.ci-out"
rm -rf "$COLLABDOCS_CI_OUT" && mkdir -p "$COLLABDOCS_CI_OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export COLLABDOCS_REQUIRE_SERVICES=1
# Test hosts need no appsettings reload: each watcher is an inotify instance, and the per-user limit (128)
# is shared with every other process on the machine.
export DOTNET_hostBuilder__reloadConfigOnChange=false
# Static files and test servers still watch folders; as root, make room for them (best effort).
[ "$(id -u)" -eq 0 ] && sysctl -qw fs.inotify.max_user_instances=1024 2>/dev/null || true
passed=0
failed=0
skipped=0

teardown() {
  for script in tests/ci/*.teardown.sh; do [ -e "$script" ] && { source "$script" || true; }; done
}
trap teardown EXIT

# Adds one suite's closing line "<name>: N passed, N failed, N skipped" to the totals. A missing line, a
# skipped test or 0 passed is a failure of that suite.
add_suite() { # add_suite <name> <closing line or empty>
  local name=$1 line=$2 p f s
  if ! [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped ]]; then
    echo "suite $name printed no 'N passed, N failed, N skipped' line"; failed=$((failed + 1)); return
  fi
  p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]} s=${BASH_REMATCH[3]}
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$s" -gt 0 ]; then echo "suite $name skipped $s tests: a skip is a failure here"; failed=$((failed + s)); fi
  if [ "$p" -eq 0 ]; then echo "suite $name passed no test"; failed=$((failed + 1)); fi
}

for script in tests/ci/*.setup.sh; do
  [ -e "$script" ] || continue
  echo "== setup: $script"
  if ! source "$script"; then echo "setup failed: $script"; failed=$((failed + 1)); fi
done

echo "== build"
if ! dotnet build CollabDocs.sln -c Release >"$COLLABDOCS_CI_OUT/build.log" 2>&1; then
  grep -E ' error ' "$COLLABDOCS_CI_OUT/build.log" | sort -u | head -40
  echo "tests: $passed passed, $((failed + 1)) failed, $skipped skipped"
  exit 1
fi

echo "== dotnet tests"
dotnet test CollabDocs.sln -c Release --no-build --logger "console;verbosity=minimal" >"$COLLABDOCS_CI_OUT/dotnet-test.log" 2>&1
dotnet_rc=$?
grep -E '^\s+Failed |^\s+Skipped |\[FAIL\]|\[SKIP\]' "$COLLABDOCS_CI_OUT/dotnet-test.log" || true
# One summary per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, Duration: … - X.Tests.dll (net10.0)".
before=$failed
projects=0
while read -r project p f s; do
  projects=$((projects + 1))
  echo "$project: $p passed, $f failed, $s skipped"
  add_suite "$project" "$p passed, $f failed, $s skipped"
done < <(sed -nE 's/^(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+),.* - ([A-Za-z0-9.]+)\.dll.*/\5 \3 \2 \4/p' "$COLLABDOCS_CI_OUT/dotnet-test.log")
expected=$(grep -lE '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | wc -l)
if [ "$projects" -lt "$expected" ]; then
  echo "dotnet test reported $projects test projects, expected $expected"; failed=$((failed + 1))
fi
if [ "$dotnet_rc" -ne 0 ] && [ "$failed" -eq "$before" ]; then
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
  add_suite "$name" "$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$" "$log" | tail -1)"
  if [ "$rc" -ne 0 ] && [ "$failed" -eq "$before" ]; then
    echo "suite $name exited with $rc"; failed=$((failed + 1))
  fi
done

echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
