#!/usr/bin/env bash
# Starts a published CollabDocs server for the benchmarks on a fresh data folder (or on
# $COLLABDOCS_BENCH_DATA when set, e.g. to reopen a prepared database). Extra DOTNET_* variables pass through.
#   run-server.sh /abs/publish/CollabDocs.Server.dll PORT
set -euo pipefail
data=${COLLABDOCS_BENCH_DATA:-$(mktemp -d /tmp/collabdocs-bench.XXXXXX)}
export CollabDocs__Storage__DataDirectory="$data"
export CollabDocs__Auth__Mode=Anonymous
# The benchmark measures the pipeline, not the guardrails: one connection submits thousands of ops per second.
export CollabDocs__RateLimits__Enabled=false
export Logging__LogLevel__Default=Warning
# A self-contained publish (its own runtime beside the dll, e.g. a trimmed one) runs through its apphost.
[ -f "$(dirname "$1")/libcoreclr.so" ] && exec "${1%.dll}" --urls "http://127.0.0.1:$2"
exec dotnet "$1" --urls "http://127.0.0.1:$2"
