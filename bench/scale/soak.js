#!/usr/bin/env node
'use strict'
// Soak: --clients clients (ot.js over SignalR, bench/load/adapters/collabdocs.js) editing --documents
// documents (clients spread evenly) for --minutes, each submitting --rate trace edits per second
// (automerge-paper, writer i of a document replays patches i, i+K, ... as in the load generator).
// Every 10 s it samples the server's VmRSS, open descriptors (/proc/<pid>/fd), threads and CPU, and the
// clients' ack latency. At the end it waits for every document to converge and prints the series and
// a summary (RSS at the end against minute 2). Starts its own published server on a fresh folder.
//   node bench/scale/soak.js [--minutes 10] [--clients 200] [--documents 20] [--rate 2] [--port 18960] [--dll <other build>]
const path = require('path')
const { args, sleep, startCollabDocs, stop, sample, createDocument } = require('./common')
const adapter = require('../load/adapters/collabdocs.js')
const { loadTrace, clampPatch } = require('../load/trace')
const { Recorder } = require('../load/stats')

const opt = args({ minutes: 10, clients: 200, documents: 20, rate: 2, port: 18960, interval: 10, trace: 'automerge-paper', dll: '' })

async function main() {
  const patches = loadTrace(opt.trace).patches
  const server = await startCollabDocs({ port: opt.port, ...(opt.dll ? { dll: path.resolve(opt.dll) } : {}) })
  const base = `http://127.0.0.1:${opt.port}`
  const url = `${base}/hubs/docs`
  const clients = []
  let acked = 0, errors = 0, firstError = null
  let window = new Recorder()
  const hooks = {
    onAck(client, idx, err) {
      if (err) { errors++; firstError = firstError || String(err.message || err); return }
      acked++
      window.add(performance.now() - client.submitT[idx])
    },
    onRemote() {},
  }
  try {
    const perDoc = Math.ceil(opt.clients / opt.documents)
    for (let d = 0; d < opt.documents; d++) await createDocument(base, `soak-${d}`, '')
    for (let c = 0; c < opt.clients; c++) {
      const d = c % opt.documents, k = Math.floor(c / opt.documents)
      const client = await adapter.createClient({ url, docId: `soak-${d}`, index: c, role: 'writer', hooks })
      Object.assign(client, { doc: d, next: k, step: perDoc, submitted: 0, submitT: [] })
      clients.push(client)
    }
    console.log(`${clients.length} clients joined ${opt.documents} documents; editing for ${opt.minutes} min at ${opt.rate} edits/s each`)
    const T0 = performance.now()
    const end = T0 + opt.minutes * 60000
    // open loop: every 50 ms each client submits what its rate makes due
    const timer = setInterval(() => {
      const due = Math.floor((performance.now() - T0) * opt.rate / 1000)
      for (const c of clients) {
        while (c.submitted < due) {
          const [pos, del, ins] = clampPatch(patches[c.next % patches.length], c.length())
          c.next += c.step
          if (del === 0 && ins.length === 0) continue
          c.submitT[c.submitted] = performance.now()
          c.submit(pos, del, ins, c.submitted++)
        }
      }
    }, 50)
    const series = []
    let prev = sample(server.pid), prevT = performance.now(), prevAcked = 0
    console.log('| minute | RSS MB | anon / file / shmem MB | fds | threads | server CPU % | acked edits/s | ack p50 / p99 ms |')
    console.log('|---:|---:|---|---:|---:|---:|---:|---|')
    while (performance.now() < end) {
      await sleep(Math.min(opt.interval * 1000, end - performance.now()))
      const s = sample(server.pid), t = performance.now()
      const lat = window.summary(); window = new Recorder()
      const row = { minute: +((t - T0) / 60000).toFixed(2), rssMB: +s.rssMB.toFixed(1),
        anonMB: +s.anonMB.toFixed(1), fileMB: +s.fileMB.toFixed(1), shmemMB: +s.shmemMB.toFixed(1), fds: s.fds, threads: s.threads,
        cpuPercent: +(100 * (s.cpuS - prev.cpuS) / ((t - prevT) / 1000)).toFixed(1), ackedPerSec: Math.round((acked - prevAcked) / ((t - prevT) / 1000)),
        ackP50: lat.p50, ackP99: lat.p99 }
      series.push(row)
      console.log(`| ${row.minute} | ${row.rssMB} | ${row.anonMB} / ${row.fileMB} / ${row.shmemMB} | ${row.fds} | ${row.threads} | ${row.cpuPercent} | ${row.ackedPerSec} | ${row.ackP50} / ${row.ackP99} |`)
      prev = s; prevT = t; prevAcked = acked
    }
    clearInterval(timer)
    // drain: every client settled and every document's clients at one revision with one text
    const drainEnd = performance.now() + 60000
    let converged = false
    while (performance.now() < drainEnd) {
      converged = clients.every(c => c.settled()) && Array.from({ length: opt.documents }, (_, d) => clients.filter(c => c.doc === d))
        .every(g => g.every(c => c.version() === g[0].version() && c.text() === g[0].text()))
      if (converged) break
      await sleep(100)
    }
    const atMinute = (m) => series.reduce((best, r) => Math.abs(r.minute - m) < Math.abs(best.minute - m) ? r : best, series[0])
    const m2 = atMinute(Math.min(2, opt.minutes)), last = series[series.length - 1]
    const summary = { minutes: opt.minutes, clients: clients.length, documents: opt.documents, acked, errors, firstError, converged,
      rssMinute2MB: m2.rssMB, rssEndMB: last.rssMB, rssEndVsMinute2Percent: +(100 * (last.rssMB - m2.rssMB) / m2.rssMB).toFixed(1),
      rssMaxMB: Math.max(...series.map(r => r.rssMB)), fdsMinute2: m2.fds, fdsEnd: last.fds, threadsEnd: last.threads,
      documentLengths: Array.from({ length: Math.min(3, opt.documents) }, (_, d) => clients.find(c => c.doc === d).length()) }
    console.log(JSON.stringify(summary))
  } finally {
    await Promise.race([Promise.all(clients.map(c => c.close().catch(() => {}))), sleep(3000)])
    await stop(server)
  }
}

setTimeout(() => { console.error('soak.js: hard timeout'); process.exit(2) }, (opt.minutes * 60 + 300) * 1000).unref()
main().then(() => process.exit(0), e => { console.error(e); process.exit(1) })
