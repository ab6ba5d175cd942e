#!/usr/bin/env bash
# a-ack against the published CollabDocs server under runtime settings given only by environment
# variables (no code change): peak RSS, CPU per edit, throughput, medians of --runs (default 2).
#   bench/profile/gc-variants.sh [runs=2] [duration=30]
set -euo pipefail
bench=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-2}
duration=${2:-30}
out=$bench/results/gc-$(date -u +%Y%m%d-%H%M%S)
variants=(
  "baseline (Workstation GC, concurrent, tiered + PGO)|"
  "DOTNET_GCgen0size=0x400000 (4 MB gen0 budget)|DOTNET_GCgen0size=0x400000"
  "DOTNET_GCgen0size=0x100000 (1 MB)|DOTNET_GCgen0size=0x100000"
  "DOTNET_GCConserveMemory=7|DOTNET_GCConserveMemory=7"
  "DOTNET_gcConcurrent=0|DOTNET_gcConcurrent=0"
  "DOTNET_gcServer=1 (for contrast; 0 is the default)|DOTNET_gcServer=1"
  "DOTNET_TieredPGO=0|DOTNET_TieredPGO=0"
  "DOTNET_TieredCompilation=0|DOTNET_TieredCompilation=0"
  "DOTNET_TC_CallCountingDelayMs=0 (tier up without the 100 ms quiet period)|DOTNET_TC_CallCountingDelayMs=0"
  "gen0 4 MB + ConserveMemory 7 + gcConcurrent 0|DOTNET_GCgen0size=0x400000 DOTNET_GCConserveMemory=7 DOTNET_gcConcurrent=0"
)
mkdir -p "$out"
i=0
for v in "${variants[@]}"; do
  name=${v%%|*}; env=${v#*|}
  (cd "$bench" && node kit/run.js --peer collabdocs --only a-ack --runs "$runs" --duration "$duration" \
    --out "$out/v$i" ${env:+--env-server "$env"} --port $((18500 + i * 10))) >"$out/v$i.log" 2>&1 || true
  echo "$name" >"$out/v$i/name.txt"
  grep '^\[run\]' "$out/v$i.log" || tail -3 "$out/v$i.log"
  i=$((i + 1))
done
node - "$out" <<'JS'
const fs = require('fs'), path = require('path')
const dir = process.argv[2]
const med = (xs) => { const s = xs.filter(x => typeof x === 'number').sort((a, b) => a - b); return s.length ? s[(s.length - 1) >> 1] : null }
const rows = ['| settings | runs | acked edits/s | server CPU µs/edit | RSS at start MB | peak RSS MB |', '|---|---:|---:|---:|---:|---:|']
for (const d of fs.readdirSync(dir).filter(d => /^v\d+$/.test(d)).sort((a, b) => +a.slice(1) - +b.slice(1))) {
  const f = path.join(dir, d, 'collabdocs-a-ack.json')
  if (!fs.existsSync(f)) continue
  const rs = JSON.parse(fs.readFileSync(f, 'utf8')).filter(r => !r.error)
  const name = fs.readFileSync(path.join(dir, d, 'name.txt'), 'utf8').trim()
  rows.push(`| ${name} | ${rs.length} | ${med(rs.map(r => r.ackedPerSec))?.toLocaleString('en-US')} | ${med(rs.map(r => Math.round(r.server.cpu_s * 1e6 / r.acked)))} | ${med(rs.map(r => r.server.rssStartMB))} | ${med(rs.map(r => r.server.rssPeakMB))} |`)
}
const t = rows.join('\n') + '\n'
fs.writeFileSync(path.join(dir, 'table.md'), t); process.stdout.write(t)
JS
echo "table: $out/table.md"
