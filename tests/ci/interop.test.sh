#!/usr/bin/env bash
# One document edited at once by three clients over the hub protocol against a real server process:
# the .NET client (tests/interop/dotnet), the TypeScript client in Node and an unmodified ot.js 0.0.15
# client (tests/interop/scenario.mjs). Random concurrent edits with astral characters, random dropped
# connections; then every client's text must be the server's and the log must hold each (clientId, seq)
# exactly once. One scenario per seed: three random seeds, or INTEROP_SEED (one seed, or several
# separated by commas) to repeat a run. INTEROP_EDITS sets the edits per client (default 60).
# Prints "interop: N passed, N failed, 0 skipped".
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
passed=0
failed=0
finish() {
  echo "interop: $passed passed, $failed failed, 0 skipped"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}

work=$(mktemp -d)
data=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work" "$data"
}
trap cleanup EXIT

# 1. Builds: the server, the .NET participant, the npm package (dist/) and the Node participants.
dll="$root/src/CollabDocs.Server/bin/Release/net10.0/CollabDocs.Server.dll"
participant="$root/tests/interop/dotnet/bin/Release/net10.0/CollabDocs.Interop.Dotnet.dll"
[ -f "$dll" ] || dotnet build src/CollabDocs.Server -c Release >"$work/build-server.log" 2>&1 || { tail -20 "$work/build-server.log"; failed=$((failed + 1)); finish; }
[ -f "$participant" ] || dotnet build tests/interop/dotnet -c Release -p:SkipWebDemo=true >"$work/build-participant.log" 2>&1 || { tail -20 "$work/build-participant.log"; failed=$((failed + 1)); finish; }
client="$root/src/collabdocs-client"
[ -d "$client/node_modules" ] || (cd "$client" && npm ci --no-audit --no-fund --loglevel=error) || { failed=$((failed + 1)); finish; }
[ -f "$client/dist/index.js" ] || (cd "$client" && npm run build >"$work/build-client.log" 2>&1) || { cat "$work/build-client.log"; failed=$((failed + 1)); finish; }
[ -d tests/interop/node_modules ] || (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error) || { failed=$((failed + 1)); finish; }

# 2. A real server in Development (development tokens) with its own SQLite data directory.
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
url="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Development CollabDocs__Storage__DataDirectory="$data" DOTNET_NOLOGO=1 \
  dotnet "$dll" --urls "$url" --contentRoot "$root/src/CollabDocs.Server" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
  curl -s -o /dev/null "$url/api/documents" && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.25
done
curl -s -o /dev/null "$url/api/documents" || { echo "the server did not start"; tail -30 "$work/server.log"; failed=$((failed + 1)); finish; }

# 3. The scenarios: the three clients at once on a new document, then the checks.
export INTEROP_URL=$url INTEROP_EDITS=${INTEROP_EDITS:-60} INTEROP_PARTICIPANTS=3
if [ -n "${INTEROP_SEED:-}" ]; then
  IFS=, read -ra seeds <<<"$INTEROP_SEED"
else
  seeds=($((RANDOM * 32768 + RANDOM)) $((RANDOM * 32768 + RANDOM)) $((RANDOM * 32768 + RANDOM)))
fi
scenario() { # scenario <seed>
  local seed=$1 dir="$work/seed-$1-$((passed + failed))" dotnet_pid node_pid rc=0
  mkdir -p "$dir"
  export INTEROP_SEED=$seed
  node tests/interop/scenario.mjs create "$dir" || return 1
  timeout 100 dotnet "$participant" "$dir" >"$dir/dotnet.log" 2>&1 &
  dotnet_pid=$!
  timeout 100 node tests/interop/scenario.mjs clients "$dir" >"$dir/node.log" 2>&1 &
  node_pid=$!
  wait "$dotnet_pid" || { rc=1; echo "  the .NET participant failed:"; tail -40 "$dir/dotnet.log"; }
  wait "$node_pid" || { rc=1; echo "  the Node participants failed:"; tail -20 "$dir/node.log"; }
  cat "$dir/dotnet.log" "$dir/node.log" | grep -E '^(dotnet|typescript|otjs): ' | sed 's/^/  /'
  node tests/interop/scenario.mjs check "$dir" || rc=1
  if [ "$rc" -ne 0 ]; then
    echo "  the server's warnings for this document:"
    grep -A2 -E ' (warn|fail):' "$work/server.log" | grep -B1 -A1 "$(cat "$dir/document")" | tail -20 | sed 's/^/    /'
  fi
  return $rc
}
for seed in "${seeds[@]}"; do
  echo "# seed $seed (INTEROP_SEED=$seed to repeat)"
  if scenario "$seed"; then
    echo "ok - three clients converge on the server's text (seed $seed)"; passed=$((passed + 1))
  else
    echo "not ok - three clients converge on the server's text (seed $seed)"; failed=$((failed + 1))
  fi
done
if grep -qE ' (fail|crit):' "$work/server.log"; then
  echo "server log has errors:"; grep -E -A5 ' (fail|crit):' "$work/server.log" | head -30
fi
finish
