#!/usr/bin/env bash
# Issue 10's attacks end to end (bench/attacks/check.sh): a real server process under each attack in turn, with
# an honest editor's ack p99 and an honest reader's broadcast p99 held to 2x their quiet baseline, the server's
# RSS to its budget, each attack's defence checks and every touched document's text equal to its log.
# Runs first of the suites, right after the dotnet tests, while nothing else runs. About 4-5 minutes.
# Prints "attacks: N passed, N failed, 0 skipped" (one test per attack).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
exec bash "$root/bench/attacks/check.sh"
