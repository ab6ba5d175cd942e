#!/usr/bin/env node
'use strict'
// Sums/averages a dotnet-counters CSV (System.Runtime, 1-s samples) over its window; "per operation"
// divides by OPS_PER_SECOND x the number of 1-s samples (the profile window's rate: approximate).
//   node bench/profile/counters-summary.js counters.csv OPS_PER_SECOND
const fs = require('fs')
const [file, rateArg] = process.argv.slice(2)
const rows = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).map(l => l.split(','))
const seconds = new Set(rows.map(r => r[0])).size
const ops = (+rateArg || 0) * seconds
const by = new Map() // counter name -> values
for (const r of rows) {
  if (r.length < 5) continue
  const name = r[2].replace(/^"|"$/g, ''), type = r[3], v = +r[4]
  if (!by.has(name)) by.set(name, { type, values: [] })
  by.get(name).values.push(v)
}
console.log('| counter (System.Runtime) | over the window | per operation |\n|---|---:|---:|')
for (const [name, { type, values }] of by) {
  if (!/alloc|gc|GC|heap|pause|thread|work_item|queue|lock|contention|working_set|assembl|jit|JIT/i.test(name)) continue
  const rate = /rate|Rate|Increment|count|Count/.test(type) || /\(Count|Rate/.test(name)
  const sum = values.reduce((a, b) => a + b, 0), last = values[values.length - 1], mean = sum / values.length
  const shown = rate ? sum : last
  const per = rate && ops ? (sum / ops) : null
  console.log(`| ${name} (${type}) | ${rate ? 'sum ' : 'last '}${Number(shown.toFixed(2)).toLocaleString('en-US')}${rate ? '' : ` (mean ${Number(mean.toFixed(2)).toLocaleString('en-US')})`} | ${per === null ? '–' : Number(per.toFixed(3)).toLocaleString('en-US')} |`)
}
