#!/usr/bin/env bash
# The cluster suite: tests/CollabDocs.Cluster.Tests, two real server nodes on PostgreSQL and Redis behind
# nginx (services from 10-postgres.setup.sh and 20-cluster.setup.sh; docs/cluster.md). It runs here, after
# the solution-wide dotnet test, because it loads both cores and would disturb other suites' timing.
# Prints "cluster: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/../.."
log="${COLLABDOCS_CI_OUT:-/tmp}/cluster-tests.log"
timeout 1800 dotnet test tests/CollabDocs.Cluster.Tests -c Release --no-build -p:CollabDocsClusterTests=true \
  --logger "console;verbosity=detailed" >"$log" 2>&1
rc=$?
grep -E '^\s+(Passed|Failed|Skipped) CollabDocs\.|^ (seed|converged|owner:|both nodes|node[0-9]|document unavailable|presence of|documents owned|clients that)' "$log"
# The runner's closing summary: "Total tests: N", then "Passed: N" / "Failed: N" lines.
passed=$(sed -nE 's/^ +Passed: +([0-9]+)$/\1/p' "$log" | tail -1)
failed=$(sed -nE 's/^ +Failed: +([0-9]+)$/\1/p' "$log" | tail -1)
skipped=$(sed -nE 's/^ +Skipped: +([0-9]+)$/\1/p' "$log" | tail -1)
counts=""
grep -qE '^Total tests: ' "$log" && counts="${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ -z "$counts" ]; then
  tail -30 "$log"
  counts="0 passed, 1 failed, 0 skipped"
fi
echo "cluster: $counts"
exit $rc
