#!/usr/bin/env node
'use strict'
// Table of a gc-variants.sh results folder: medians (mean of the middle two for an even count) and,
// for peak RSS, every run.   node bench/profile/gc-table.js bench/results/gc-<time>
const fs = require('fs'), path = require('path')
const { median } = require('../kit/summary-lib')
const dir = process.argv[2]
const n0 = (x) => x === null ? '–' : Math.round(x).toLocaleString('en-US')
const rows = ['| settings (environment only) | runs | acked edits/s | server CPU µs/edit | RSS at start MB | peak RSS MB, median (runs) |', '|---|---:|---:|---:|---:|---|']
for (const d of fs.readdirSync(dir).filter(d => /^v\d+$/.test(d)).sort((a, b) => +a.slice(1) - +b.slice(1))) {
  const f = path.join(dir, d, 'collabdocs-a-ack.json')
  if (!fs.existsSync(f)) continue
  const rs = JSON.parse(fs.readFileSync(f, 'utf8')).filter(r => !r.error)
  const name = fs.readFileSync(path.join(dir, d, 'name.txt'), 'utf8').trim()
  const peaks = rs.map(r => r.server.rssPeakMB)
  rows.push(`| ${name} | ${rs.length} | ${n0(median(rs.map(r => r.ackedPerSec)))} | ${n0(median(rs.map(r => r.server.cpu_s * 1e6 / r.acked)))} | ${n0(median(rs.map(r => r.server.rssStartMB)))} | ${n0(median(peaks))} (${peaks.map(n0).join(', ')}) |`)
}
const t = rows.join('\n') + '\n'
fs.writeFileSync(path.join(dir, 'table.md'), t)
process.stdout.write(t)
