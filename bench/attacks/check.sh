#!/usr/bin/env bash
# Issue 10's attacks end to end (bench/attacks/run.js): a real server process with a small memory budget, an
# honest editor and reader measuring ack and broadcast latency, and an attacker process running each attack
# in turn (memory, strangers, cpu, slow readers, presence storm, idle connections). An attack passes when,
# in one of up to 3 trials, the honest p99s stay within 2× of the baseline, the server's RSS under its
# budget, its own defence checks hold and every touched document's text equals its log.
# Bounded: about 4 minutes on 2 cores when every attack passes at its first trial (timeout 420 s).
# Prints one "ok"/"not ok" line per attack and "attacks: N passed, N failed, 0 skipped".
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
n=6
fail() { echo "$1"; echo "attacks: 0 passed, $n failed, 0 skipped"; exit 1; }

dll="$root/src/CollabDocs.Server/bin/Release/net10.0/CollabDocs.Server.dll"
out="${COLLABDOCS_CI_OUT:-/tmp}"
[ -f "$dll" ] || dotnet build src/CollabDocs.Server -c Release -p:SkipWebDemo=true >"$out/attacks-build.log" 2>&1 || { tail -20 "$out/attacks-build.log"; fail "the server did not build"; }
# ws for the raw hub connections (bench/scale/signalr-lite.js reads bench/load's pinned packages).
[ -d bench/load/node_modules/ws ] || (cd bench/load && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in bench/load failed"
# 300 idle sockets on each side, a few hundred hub connections: raise the descriptor limit.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

ATTACKS_SERVER_LOG="$out/attacks-server.log" timeout 420 node bench/attacks/run.js "$@"
rc=$?
[ "$rc" -eq 124 ] && fail "bench/attacks/run.js timed out"
exit $rc
