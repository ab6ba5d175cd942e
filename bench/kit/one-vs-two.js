#!/usr/bin/env node
'use strict'
// Tables for bench/collabdocs/one-vs-two.sh: one SQLite node against two clustered nodes behind nginx
// (medians over runs), then issue 11's targets as ratios of the two, and where the machine's CPU went per
// acknowledged edit. With --clustered-one, one clustered node behind nginx too, and the ratios against it.
//   node bench/kit/one-vs-two.js bench/results/<dir>      # reads <dir>/1node/custom-*.json, <dir>/2nodes/, <dir>/1clustered/
const fs = require('fs'), path = require('path')
const { row, n, ms, pair, byScenario } = require('./summary-lib')

const dir = path.resolve(process.argv[2] || '.')
function load(topology) {
  const d = path.join(dir, topology), rows = {}
  if (!fs.existsSync(d)) return rows
  for (const f of fs.readdirSync(d)) {
    const m = /^custom-([a-z0-9-]+)\.json$/.exec(f)
    if (m && m[1] !== 'summary') rows[m[1]] = row(m[1], JSON.parse(fs.readFileSync(path.join(d, f), 'utf8')))
  }
  return rows
}
const one = load('1node'), two = load('2nodes'), clustered = load('1clustered')
const scenarios = [...new Set([...Object.keys(one), ...Object.keys(clustered), ...Object.keys(two)])].sort(byScenario)
const topologies = [['1 node, SQLite', one], ['1 node clustered + nginx', clustered], ['2 nodes + nginx', two]]

const out = []
out.push(`Medians over runs; results in \`${path.basename(dir)}\`. \`µs/edit\` = server CPU of every server process (both nodes and nginx for two nodes) per acknowledged edit.`)
out.push('')
out.push('| scenario | topology | runs | acked edits/s | ack p50 / p99 ms | remote p50 / p99 ms | peak RSS MB (all processes) | µs/edit | converged |')
out.push('|---|---|---:|---:|---|---|---:|---:|---|')
for (const sc of scenarios) {
  for (const [label, rows] of topologies) {
    const r = rows[sc]
    if (!r) continue
    out.push(`| ${sc} | ${label} | ${r.runs} | ${n(r['acked/s'])} | ${pair(r['ack p50'], r['ack p99'])} | ${pair(r['remote p50'], r['remote p99'])} | ${n(r['srv peakMB'])} | ${n(r['srv us/patch'])} | ${r.converged} |`)
  }
}

// Issue 11's benchmark targets: [scenario, figure, field, comparison, bound]
const targets = [
  ['b-ack10', 'acked edits/s', 'acked/s', '≥', 0.8],
  ['b-ack10', 'ack p99', 'ack p99', '≤', 3],
  ['b-flood10', 'acked edits/s', 'acked/s', '≥', 0.8],
  ['b-flood10', 'ack p99', 'ack p99', '≤', 3],
  ['c-fanout-ack', 'remote p99', 'remote p99', '≤', 2],
  ['e-docs100', 'server CPU per edit', 'srv us/patch', '≤', 1.5],
]
const verdict = (a, b, cmp, bound) => {
  const ratio = a ? b / a : null
  const met = ratio !== null && (cmp === '≥' ? ratio >= bound : ratio <= bound)
  return `${ratio === null ? '–' : n(ratio, 2) + '×'} | ${met ? 'met' : '**missed**'}`
}
const measured = targets.filter(([sc]) => one[sc] && two[sc])
const withClustered = measured.some(([sc]) => clustered[sc])
if (measured.length) {
  out.push('')
  out.push(withClustered
    ? '| target (issue 11) | 1 node | 2 nodes | ratio | | 1 node clustered | 2 nodes against it | |'
    : '| target (issue 11) | 1 node | 2 nodes | ratio | |')
  out.push(withClustered ? '|---|---:|---:|---:|---|---:|---:|---|' : '|---|---:|---:|---:|---|')
  for (const [sc, figure, field, cmp, bound] of measured) {
    const a = one[sc][field], b = two[sc][field], c = clustered[sc] ? clustered[sc][field] : null
    const line = `| ${sc} ${figure} ${cmp} ${bound}× one node | ${ms(a)} | ${ms(b)} | ${verdict(a, b, cmp, bound)} |`
    out.push(withClustered ? `${line} ${ms(c)} | ${c === null ? '– | ' : verdict(c, b, cmp, bound)} |` : line)
  }
}

// Where the CPU went, per acknowledged edit: the server's processes (the nodes, and nginx in front of clustered
// ones), PostgreSQL and Redis (sampled with --service-pids), and the load generator; "cores" is the total
// times edits/s, against the machine's.
const cpuRows = []
for (const sc of scenarios) {
  for (const [label, rows] of topologies) {
    const r = rows[sc]
    if (!r || r['srv us/patch'] === null) continue
    const total = r['srv us/patch'] + (r['svc us/patch'] || 0) + (r['lg us/patch'] || 0)
    cpuRows.push(`| ${sc} | ${label} | ${n(r['srv us/patch'])} | ${n(r['svc us/patch'])} | ${n(r['lg us/patch'])} | ${n(total)} | ${n(total * r['acked/s'] / 1e6, 2)} |`)
  }
}
if (cpuRows.length) {
  out.push('')
  out.push(`CPU per acknowledged edit in µs, by process group (this machine: ${require('os').cpus().length} cores):`)
  out.push('')
  out.push('| scenario | topology | server (nodes + nginx) | PostgreSQL + Redis | load generator | total | cores busy |')
  out.push('|---|---|---:|---:|---:|---:|---:|')
  out.push(...cpuRows)
}
console.log(out.join('\n'))
