#!/usr/bin/env bash
# Issue 10's attacks end to end (bench/attacks/check.sh): a real server process under each attack in turn, with
# an honest editor's ack p99 and an honest reader's broadcast p99 held to 2x their quiet baseline, the server's
# RSS to its budget, each attack's defence checks and every touched document's text equal to its log.
# About 3-5 minutes (docs/security.md, "Attacks tested end to end"). Prints "attacks: N passed, N failed, 0 skipped" (one test per attack).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# The check compares latencies with and without an attack, so it starts once what ran before it (the dotnet
# test hosts, build servers) has let go of the CPU: at least 90 % idle over 2 s, waiting at most 60 s.
for _ in $(seq 1 30); do
  read -r _ u1 n1 s1 i1 w1 _ </proc/stat; sleep 2; read -r _ u2 n2 s2 i2 w2 _ </proc/stat
  busy=$(((u2 + n2 + s2) - (u1 + n1 + s1))) idle=$(((i2 + w2) - (i1 + w1)))
  [ $((idle * 10)) -ge $(((busy + idle) * 9)) ] && break
done
echo "load average before the attacks: $(cut -d' ' -f1-3 /proc/loadavg)"
exec bash "$root/bench/attacks/check.sh"
