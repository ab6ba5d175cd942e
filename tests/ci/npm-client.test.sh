#!/usr/bin/env bash
# The npm package as an app gets it: `npm pack` of src/collabdocs-client, the tarball installed into a
# scratch Node 20 project with @microsoft/signalr, and samples/node-client/example.mjs (the README's
# integration example) run against a real server process on 127.0.0.1; plus the IndexedDB store of
# pending edits in Chromium.
# Prints "npm-client: N passed, N failed, N skipped" (nothing here is ever skipped).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
passed=0
failed=0
check() { # check <name> <command…>
  local name=$1
  shift
  if "$@"; then echo "ok - $name"; passed=$((passed + 1)); else echo "not ok - $name"; failed=$((failed + 1)); fi
}
finish() {
  echo "npm-client: $passed passed, $failed failed, 0 skipped"
  [ "$failed" -eq 0 ]
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

# 1. Pack (prepack builds dist/).
client="$root/src/collabdocs-client"
[ -d "$client/node_modules" ] || (cd "$client" && npm ci --no-audit --no-fund --loglevel=error) || { failed=$((failed + 1)); finish; }
tarball=$(cd "$client" && npm pack --silent --pack-destination "$work" 2>"$work/pack.log" | tail -1)
check "npm pack produces a tarball" test -f "$work/$tarball"
[ -f "$work/$tarball" ] || { cat "$work/pack.log"; finish; }
listing=$(tar -tzf "$work/$tarball")
check "the tarball has ESM and declarations" bash -c 'grep -qx "package/dist/index.js" <<<"$0" && grep -qx "package/dist/index.d.ts" <<<"$0" && ! grep -q "package/src/\|package/test/" <<<"$0"' "$listing"

# The READMEs show the example verbatim (from its import on), so it cannot drift from what runs here.
readme_has_example() {
  node -e '
    const fs = require("fs");
    const example = fs.readFileSync("samples/node-client/example.mjs", "utf8");
    const code = example.slice(example.indexOf("import {"));
    const tail = example.slice(example.indexOf("// A development token"));
    process.exit(fs.readFileSync(process.argv[1], "utf8").includes(process.argv[2] === "tail" ? tail : code) ? 0 : 1);
  ' "$1" "$2"
}
check "README.md shows samples/node-client/example.mjs" readme_has_example README.md full
check "the package README shows the example" readme_has_example src/collabdocs-client/README.md tail

# 2. A scratch Node project that installs the tarball and the peer dependency.
app="$work/app"
mkdir -p "$app"
printf '{ "name": "scratch-app", "private": true, "type": "module" }\n' >"$app/package.json"
cp samples/node-client/example.mjs "$app/"
check "the tarball installs with @microsoft/signalr (and the optional MessagePack protocol)" bash -c "cd '$app' && npm install --no-audit --no-fund --loglevel=error '$work/$tarball' @microsoft/signalr@10.0.11 @microsoft/signalr-protocol-msgpack@10.0.11 >'$work/install.log' 2>&1 || { cat '$work/install.log'; false; }"
check "it imports under plain Node" bash -c "cd '$app' && node --input-type=module -e \"import { CollabClient, TextOperation } from '@collabdocs/client'; if (typeof CollabClient !== 'function' || TextOperation.splice(0, 0, 0, 'x').apply('') !== 'x') process.exit(1);\""

# The browser store (IndexedDB + Web Locks) in Debian's Chromium: tabs never take each other's edits.
if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  [ -d web-demo/node_modules ] || (cd web-demo && npm ci --no-audit --no-fund --loglevel=error)
  check "IndexedDB pending edits: a live tab's record stays with it, a closed tab's goes to one new tab" \
    timeout 120 node src/collabdocs-client/test/browser/indexeddb-locks.mjs
fi

# 3. A real server in Development (development tokens) with its own SQLite data directory.
dll="$root/src/CollabDocs.Server/bin/Release/net10.0/CollabDocs.Server.dll"
[ -f "$dll" ] || dotnet build src/CollabDocs.Server -c Release >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; failed=$((failed + 1)); finish; }
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
check "the server answers" curl -s -o /dev/null "$url/api/documents"
kill -0 "$server_pid" 2>/dev/null || { tail -30 "$work/server.log"; finish; }

# 4. The README example: twice (the second run finds the document), each greeting exactly once.
run_example() {
  (cd "$app" && COLLABDOCS_URL="$url" COLLABDOCS_DOCUMENT=notes timeout 60 node example.mjs >>"$work/example.log" 2>&1) || { cat "$work/example.log"; return 1; }
}
check "the example creates the document and its edit is acknowledged" run_example
check "the example runs again on the existing document" run_example
check "the server has both greetings, each once" bash -c "
  token=\$(curl -s -X POST -H 'Content-Type: application/json' -d '{\"name\":\"Node example\"}' '$url/api/dev/token' | node -e 'let s=\"\";process.stdin.on(\"data\",d=>s+=d).on(\"end\",()=>console.log(JSON.parse(s).token))')
  text=\$(curl -s -H \"Authorization: Bearer \$token\" '$url/api/documents/notes' | node -e 'let s=\"\";process.stdin.on(\"data\",d=>s+=d).on(\"end\",()=>console.log(JSON.stringify(JSON.parse(s).text)))')
  echo \"server text: \$text\"
  [ \"\$text\" = '\"Hello from Node! Hello from Node! \"' ]"
grep -E '^revision ' "$work/example.log"

# 5. Durable pending edits against the real server: clients closed at varying moments right after
# editing, each successor restores and resubmits; every edit arrives exactly once.
cp src/collabdocs-client/test/server/restore-resubmit.mjs "$app/"
check "restored pending edits are resubmitted exactly once (real server)" \
  bash -c "cd '$app' && COLLABDOCS_URL='$url' timeout 120 node restore-resubmit.mjs"

# 6. The MessagePack hub protocol (hubProtocol option) beside a JSON client on one document.
cp src/collabdocs-client/test/server/messagepack.mjs "$app/"
check "a MessagePack client and a JSON client see each other's edits and selections (real server)" \
  bash -c "cd '$app' && COLLABDOCS_URL='$url' timeout 60 node messagepack.mjs"
finish
