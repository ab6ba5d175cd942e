#!/usr/bin/env bash
# The .NET packages as an outside app gets them: `dotnet pack` of CollabDocs.Ot, CollabDocs.Protocol,
# CollabDocs.Client, CollabDocs.Storage and CollabDocs.AspNetCore into a local folder, then scratch projects in a temporary folder
# (outside the repository, so none of its build settings apply) that reference the PACKED packages (nuget.config:
# that folder for CollabDocs.*, the normal sources for the rest, a fresh packages folder so no cached copy can
# stand in): an ASP.NET Core app that embeds the server library with its own authentication scheme and a veto
# hook (docs/embedding.md), started and driven over HTTP; and samples/DotnetBot, run against a real server
# process (the Release build, Development environment, temporary SQLite).
# Prints "dotnet-pack: N passed, N failed, N skipped" (nothing here is ever skipped).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; [ -n "${2:-}" ] && tail -25 "$2"; failed=$((failed + 1)); }
finish() { echo "dotnet-pack: $passed passed, $failed failed, 0 skipped"; [ "$failed" -eq 0 ]; exit $?; }

work=$(mktemp -d /tmp/collabdocs-dotnet-pack.XXXXXX)
server_pid=""
host_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
feed="$work/feed"
mkdir -p "$feed" "$work/data" "$work/bot" "$work/host" "$work/host-data"

# 1. Pack (the project's own version; the scratch project's fresh packages folder sees only this feed for CollabDocs.*).
if dotnet pack src/CollabDocs.Ot -c Release -o "$feed" -p:SkipWebDemo=true >"$work/pack-ot.log" 2>&1 \
  && dotnet pack src/CollabDocs.Protocol -c Release -o "$feed" -p:SkipWebDemo=true >>"$work/pack-ot.log" 2>&1 \
  && dotnet pack src/CollabDocs.Client -c Release -o "$feed" -p:SkipWebDemo=true >"$work/pack-client.log" 2>&1; then
  pass "dotnet pack CollabDocs.Ot, CollabDocs.Protocol and CollabDocs.Client"
else
  fail "dotnet pack" "$work/pack-client.log"; cat "$work/pack-ot.log" | tail -10; finish
fi
if dotnet pack src/CollabDocs.Storage -c Release -o "$feed" >"$work/pack-lib.log" 2>&1 \
  && dotnet pack src/CollabDocs.AspNetCore -c Release -o "$feed" >>"$work/pack-lib.log" 2>&1; then
  pass "dotnet pack CollabDocs.Storage and CollabDocs.AspNetCore"
else
  fail "dotnet pack CollabDocs.AspNetCore" "$work/pack-lib.log"; finish
fi
client_pkg=$(ls "$feed"/CollabDocs.Client.*.nupkg | head -1)
version=$(basename "$client_pkg" .nupkg); version=${version#CollabDocs.Client.}
nuspec=$(unzip -p "$client_pkg" CollabDocs.Client.nuspec)
listing=$(unzip -l "$client_pkg")
if grep -q ' README.md$' <<<"$listing" && grep -q 'lib/net10.0/CollabDocs.Client.xml$' <<<"$listing" \
  && grep -q '<license type="expression">MIT</license>' <<<"$nuspec" \
  && grep -q 'id="CollabDocs.Ot" version="'"$version"'"' <<<"$nuspec" \
  && grep -q 'id="CollabDocs.Protocol" version="'"$version"'"' <<<"$nuspec" \
  && grep -q 'id="Microsoft.AspNetCore.SignalR.Client"' <<<"$nuspec"; then
  pass "CollabDocs.Client $version: README, XML docs, MIT licence, depends on CollabDocs.Ot and CollabDocs.Protocol $version and SignalR.Client"
else
  fail "package metadata"; echo "$nuspec"
fi
# The wire contract is its own package on the engine and MessagePack; the engine depends on no package at all.
protocol_pkg="$feed/CollabDocs.Protocol.$version.nupkg"
protocol_nuspec=$(unzip -p "$protocol_pkg" CollabDocs.Protocol.nuspec 2>/dev/null)
ot_nuspec=$(unzip -p "$feed/CollabDocs.Ot.$version.nupkg" CollabDocs.Ot.nuspec 2>/dev/null)
if [ -n "$ot_nuspec" ] && grep -q ' README.md$' <<<"$(unzip -l "$protocol_pkg")" \
  && grep -q 'lib/net10.0/CollabDocs.Protocol.xml$' <<<"$(unzip -l "$protocol_pkg")" \
  && grep -q '<license type="expression">MIT</license>' <<<"$protocol_nuspec" \
  && grep -q 'id="CollabDocs.Ot" version="'"$version"'"' <<<"$protocol_nuspec" \
  && grep -q 'id="MessagePack"' <<<"$protocol_nuspec" && ! grep -q '<dependency ' <<<"$ot_nuspec"; then
  pass "CollabDocs.Protocol $version: README, XML docs, MIT licence, depends on CollabDocs.Ot $version and MessagePack; CollabDocs.Ot on no package"
else
  fail "protocol package metadata"; echo "$protocol_nuspec"; echo "$ot_nuspec"
fi

# 2. A scratch app on the packed packages: the sample's sources, its own project file.
cp samples/DotnetBot/*.cs "$work/bot/"
cat >"$work/bot/DotnetBot.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="CollabDocs.Client" Version="$version" />
  </ItemGroup>
</Project>
CSPROJ
cat >"$work/bot/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <packageSources>
    <clear />
    <add key="packed" value="$feed" />
    <add key="local-cache" value="$HOME/.nuget/packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="packed"><package pattern="CollabDocs.*" /></packageSource>
    <packageSource key="local-cache"><package pattern="*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG
if (cd "$work/bot" && dotnet build -c Release >"$work/bot-build.log" 2>&1) \
  && grep -q '"CollabDocs.Client/'"$version"'"' "$work/bot/obj/project.assets.json" \
  && grep -q '"type": "package"' "$work/bot/obj/project.assets.json" \
  && [ -d "$work/packages/collabdocs.client/$version" ] && [ -d "$work/packages/collabdocs.protocol/$version" ]; then
  pass "scratch project builds samples/DotnetBot against the packed packages (CollabDocs.Client, CollabDocs.Protocol)"
else
  fail "scratch project build" "$work/bot-build.log"; finish
fi

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})'; }

# 2b. A scratch ASP.NET Core app on the packed server library: its own authentication (the X-User header) and a
# veto (no "forbidden"), in Production with no CollabDocs key; it starts, refuses the anonymous, vetoes, commits.
lib_pkg=$(ls "$feed"/CollabDocs.AspNetCore.*.nupkg | head -1)
lib_nuspec=$(unzip -p "$lib_pkg" CollabDocs.AspNetCore.nuspec)
if grep -q ' README.md$' <<<"$(unzip -l "$lib_pkg")" && grep -q 'id="CollabDocs.Storage" version="'"$version"'"' <<<"$lib_nuspec" \
  && grep -q 'id="CollabDocs.Ot" version="'"$version"'"' <<<"$lib_nuspec" && grep -q 'id="CollabDocs.Protocol" version="'"$version"'"' <<<"$lib_nuspec" \
  && grep -q '<frameworkReference name="Microsoft.AspNetCore.App"' <<<"$lib_nuspec"; then
  pass "CollabDocs.AspNetCore $version: README, depends on CollabDocs.Storage, CollabDocs.Ot and CollabDocs.Protocol $version, Microsoft.AspNetCore.App"
else
  fail "library package metadata"; echo "$lib_nuspec"
fi
cp "$work/bot/nuget.config" "$work/host/"
cat >"$work/host/Host.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="CollabDocs.AspNetCore" Version="$version" />
  </ItemGroup>
</Project>
CSPROJ
cat >"$work/host/Program.cs" <<'PROGRAM'
using System.Security.Claims;
using System.Text.Encodings.Web;
using CollabDocs.Server.Hooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication("Header").AddScheme<AuthenticationSchemeOptions, HeaderAuth>("Header", null);
builder.Services.AddCollabDocs(builder.Configuration);
builder.Services.AddSingleton<ISubmitValidator, NoForbiddenWord>();

var app = builder.Build();
app.UseAuthentication();
app.MapGet("/", () => "host");
app.MapCollabDocs();
app.Run();

sealed class HeaderAuth(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(Request.Headers["X-User"].ToString() is { Length: > 0 } user
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], "Header")), "Header"))
            : AuthenticateResult.NoResult());
}

sealed class NoForbiddenWord : ISubmitValidator
{
    public SubmitVerdict Validate(SubmitValidationContext context) =>
        context.InsertedTexts().Any(text => text.Contains("forbidden")) ? SubmitVerdict.Reject("Not that word.", "forbidden_edit") : SubmitVerdict.Accept;
}
PROGRAM
host_url="http://127.0.0.1:$(free_port)"
if (cd "$work/host" && dotnet build -c Release >"$work/host-build.log" 2>&1) \
  && grep -q '"CollabDocs.AspNetCore/'"$version"'"' "$work/host/obj/project.assets.json" \
  && [ -d "$work/packages/collabdocs.aspnetcore/$version" ]; then
  pass "scratch ASP.NET Core app builds against the packed CollabDocs.AspNetCore"
  ASPNETCORE_ENVIRONMENT=Production CollabDocs__Storage__DataDirectory="$work/host-data" DOTNET_NOLOGO=1 \
    dotnet "$work/host/bin/Release/net10.0/Host.dll" --urls "$host_url" --contentRoot "$work/host" >"$work/host.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$host_url/health/live")" = 200 ] && break
    sleep 0.5
  done
  as_ada=(-s -H 'X-User: ada' -H 'Content-Type: application/json')
  anonymous=$(curl -s "$host_url/api/documents" | jq -r .code)
  created=$(curl "${as_ada[@]}" -d '{"id":"embedded","text":"hello"}' "$host_url/api/documents" | jq -r .createdBy)
  vetoed=$(curl "${as_ada[@]}" -d '{"baseRevision":0,"operation":[5," forbidden"],"clientId":"c","seq":1}' "$host_url/api/documents/embedded/operations" | jq -r .code)
  accepted=$(curl "${as_ada[@]}" -d '{"baseRevision":0,"operation":[5," world"],"clientId":"c","seq":2}' "$host_url/api/documents/embedded/operations" | jq -r .revision)
  current=$(curl "${as_ada[@]}" "$host_url/api/documents/embedded/text" | jq -c '[.revision, .text]')
  if [ "$anonymous" = unauthenticated ] && [ "$created" = ada ] && [ "$vetoed" = forbidden_edit ] && [ "$accepted" = 1 ] \
    && [ "$current" = '[1,"hello world"]' ]; then
    pass "the embedded library: the host's identity, 401 without it, the veto's forbidden_edit, then a commit"
  else
    fail "embedded library host ($anonymous $created $vetoed $accepted $current)" "$work/host.log"
  fi
  kill "$host_pid" 2>/dev/null; wait "$host_pid" 2>/dev/null; host_pid=""
else
  fail "scratch host build" "$work/host-build.log"
fi

# 3. A real server process on a free port.
server_dll="${COLLABDOCS_SERVER_DLL:-$root/src/CollabDocs.Server/bin/Release/net10.0/CollabDocs.Server.dll}"
[ -f "$server_dll" ] || dotnet build src/CollabDocs.Server -c Release -p:SkipWebDemo=true >"$work/server-build.log" 2>&1
port=$(free_port)
url="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Development CollabDocs__Storage__DataDirectory="$work/data" DOTNET_NOLOGO=1 \
  dotnet "$server_dll" --urls "$url" --contentRoot "$(dirname "$server_dll")" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null "$url/api/documents" && break
  sleep 0.5
done
if ! curl -s -o /dev/null "$url/api/documents"; then
  fail "server start" "$work/server.log"; finish
fi
bot="$work/bot/bin/Release/net10.0/DotnetBot.dll"
# The bots sign in as "DotnetBot" (their default); the first one creates the document and owns it.
token=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"name":"DotnetBot"}' "$url/api/dev/token" | jq -r .token)
server_text() { curl -s -H "Authorization: Bearer $token" "$url/api/documents/$1" | jq -r .text; }

# 4. The bot appends a line (creating the document).
line="Hello from the packed client 😀 $(date +%s)"
if dotnet "$bot" --server "$url" --document pack-test --line "$line" >"$work/bot-append.log" 2>&1 \
  && [ "$(server_text pack-test)" = "$line" ]; then
  pass "DotnetBot appends a line to a new document"
else
  fail "DotnetBot append" "$work/bot-append.log"
fi

# 5. Two bots (two processes, two client ids) at once: one imports a file line by line, one appends; both arrive, the import in order.
seq 1 40 | sed 's/^/imported line /' >"$work/import.txt"
dotnet "$bot" --server "$url" --document pack-test --import "$work/import.txt" >"$work/bot-import.log" 2>&1 &
import_pid=$!
dotnet "$bot" --server "$url" --document pack-test --line "appended meanwhile 𝄞" >"$work/bot-append2.log" 2>&1
append_rc=$?
wait "$import_pid"
import_rc=$?
final=$(server_text pack-test)
if [ "$import_rc" -eq 0 ] && [ "$append_rc" -eq 0 ] \
  && [ "$(grep '^imported line ' <<<"$final")" = "$(cat "$work/import.txt")" ] \
  && grep -qx 'appended meanwhile 𝄞' <<<"$final" && [ "$(head -1 <<<"$final")" = "$line" ]; then
  pass "DotnetBot imports a file while another bot edits; every line arrives once, in order"
else
  fail "concurrent import" "$work/bot-import.log"; tail -5 "$work/bot-append2.log"; echo "$final" | head -50
fi
finish
