#!/usr/bin/env node
'use strict'
// Side-by-side markdown tables (medians over runs) of every peer found in one results folder.
//   node bench/kit/compare.js bench/results/<dir> [> tables.md]
const fs = require('fs'), path = require('path')
const { row, n, ms, pair, byScenario } = require('./summary-lib')

const dir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'results'))
const peerOrder = ['collabdocs', 'sharedb', 'hocuspocus']
const label = { collabdocs: 'CollabDocs', sharedb: 'ShareDB', hocuspocus: 'Hocuspocus' }
const data = {} // scenario -> peer -> row
for (const f of fs.readdirSync(dir)) {
  const m = /^([a-z]+)-([a-z0-9-]+)\.json$/.exec(f)
  if (!m || m[2] === 'summary') continue
  ;(data[m[2]] = data[m[2]] || {})[m[1]] = row(m[2], JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
}
const peers = [...new Set(Object.values(data).flatMap(o => Object.keys(o)))]
  .sort((a, b) => (peerOrder.indexOf(a) + 1 || 99) - (peerOrder.indexOf(b) + 1 || 99))
const scenarios = Object.keys(data).sort(byScenario)


const out = []
out.push(`Medians over runs; results in \`${path.relative(path.join(__dirname, '..', '..'), dir) || dir}\`.`)
out.push('`µs/edit` = server CPU (process tree, /proc) per acknowledged trace edit; `lg cpu s` = load generator CPU (≈ elapsed means the generator was the bottleneck); `conv` = converged per run; `whole` = whole trace replayed and equal to its endContent (`Y=`).')
out.push('')
out.push('| scenario | server | runs | acked edits/s | wire ops/s | ack p50 / p99 ms | remote p50 / p99 ms | peak RSS MB | µs/edit | lg cpu s | conv | whole |')
out.push('|---|---|---:|---:|---:|---|---|---:|---:|---:|---|---|')
for (const sc of scenarios) for (const p of peers) {
  const r = data[sc][p]
  if (!r) continue
  out.push(`| ${sc} | ${label[p] || p} | ${r.runs} | ${n(r['acked/s'])} | ${n(r['wireOps/s'])} | ${pair(r['ack p50'], r['ack p99'])} | ${pair(r['remote p50'], r['remote p99'])} | ${n(r['srv peakMB'])} | ${n(r['srv us/patch'])} | ${n(r['lg cpu s'], 1)} | ${r.converged} | ${r.wholeTrace || '-'} |`)
}
// Ratio table against CollabDocs, for the figures issue 12 sets targets on.
if (peers.includes('collabdocs') && peers.length > 1) {
  out.push('')
  out.push(`| scenario | figure | ${peers.map(p => label[p] || p).join(' | ')} |`)
  out.push(`|---|---|${peers.map(() => '---:').join('|')}|`)
  const figs = [['acked edits/s', 'acked/s', n], ['server CPU µs/edit', 'srv us/patch', n], ['ack p99 ms', 'ack p99', ms], ['remote p99 ms', 'remote p99', ms], ['peak RSS MB', 'srv peakMB', n]]
  for (const sc of scenarios) for (const [name, key, fmt] of figs) {
    const vals = peers.map(p => data[sc][p] ? data[sc][p][key] : null)
    if (vals.every(v => v === null || v === undefined)) continue
    out.push(`| ${sc} | ${name} | ${vals.map(v => v === null || v === undefined ? '–' : fmt(v)).join(' | ')} |`)
  }
}
const text = out.join('\n') + '\n'
process.stdout.write(text)
fs.writeFileSync(path.join(dir, 'tables.md'), text)
