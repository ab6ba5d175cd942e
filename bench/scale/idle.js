#!/usr/bin/env node
'use strict'
// 10,000 idle WebSocket connections joined to 100 documents on one CollabDocs node: server RSS and CPU
// at rest. Starts the published server (bench/.build/collabdocs) on a fresh SQLite folder, creates the
// documents, opens the connections from --procs Node processes (each one SignalR connection per socket,
// joined to document i mod --documents, keep-alive pings every 15 s as real clients send), then samples
// the server for --rest seconds. Bounded: connecting gives up after --connect-timeout seconds.
//   node bench/scale/idle.js [--connections 10000] [--documents 100] [--procs 4] [--rest 30] [--port 18900]
// Raise the descriptor limit first (bench/scale/idle.sh does: ulimit -n = hard limit).
const { fork } = require('child_process')
const { args, sleep, startCollabDocs, stop, sample, createDocument } = require('./common')
const { HubSocket } = require('./signalr-lite')

const opt = args({ connections: 10000, documents: 100, procs: 4, rest: 30, port: 18900, 'connect-timeout': 900, concurrency: 50, worker: false, first: 0, count: 0, url: '' })

async function worker() {
  const sockets = []
  let failed = 0, firstError = null
  const t0 = Date.now()
  for (let i = 0; i < opt.count; i += opt.concurrency) {
    if ((Date.now() - t0) / 1000 > opt['connect-timeout']) break
    const batch = []
    for (let j = i; j < Math.min(i + opt.concurrency, opt.count); j++) {
      const n = opt.first + j
      batch.push((async () => {
        const s = new HubSocket(opt.url)
        await s.start()
        await s.invoke('Join', `idle-${n % opt.documents}`, null)
        sockets.push(s)
      })().catch(e => { failed++; firstError = firstError || String(e.message || e) }))
    }
    await Promise.all(batch)
  }
  process.send({ joined: sockets.length, failed, firstError, seconds: (Date.now() - t0) / 1000, rssMB: process.memoryUsage().rss / 1048576 })
  process.on('message', (m) => { if (m === 'close') { for (const s of sockets) s.close(); setTimeout(() => process.exit(0), 500) } })
}

async function main() {
  const server = await startCollabDocs({ port: opt.port })
  const base = `http://127.0.0.1:${opt.port}`
  const kids = []
  try {
    for (let d = 0; d < opt.documents; d++) await createDocument(base, `idle-${d}`, `document ${d}\n`)
    await sleep(2000)
    const before = sample(server.pid)
    console.log(`server started: RSS ${before.rssMB.toFixed(0)} MB, ${before.threads} threads, ${before.fds} fds`)
    const per = Math.ceil(opt.connections / opt.procs)
    const t0 = Date.now()
    const reports = await Promise.all(Array.from({ length: opt.procs }, (_, p) => new Promise((resolve) => {
      const count = Math.max(0, Math.min(per, opt.connections - p * per))
      const kid = fork(__filename, ['--worker', '--first', String(p * per), '--count', String(count), '--documents', String(opt.documents),
        '--url', `${base}/hubs/docs`, '--concurrency', String(opt.concurrency), '--connect-timeout', String(opt['connect-timeout'])])
      kids.push(kid)
      kid.once('message', resolve)
      kid.once('exit', () => resolve({ joined: 0, failed: count, firstError: 'worker exited' }))
    })))
    const joined = reports.reduce((a, r) => a + r.joined, 0)
    const failed = reports.reduce((a, r) => a + r.failed, 0)
    console.log(`joined ${joined} of ${opt.connections} connections to ${opt.documents} documents in ${((Date.now() - t0) / 1000).toFixed(1)} s` +
      (failed ? `; ${failed} failed (${reports.find(r => r.firstError)?.firstError})` : '') + `; client processes ${reports.map(r => (r.rssMB || 0).toFixed(0)).join('+')} MB`)
    const afterJoin = sample(server.pid)
    await sleep(10000) // let connect-time garbage and tiering settle
    const s0 = sample(server.pid)
    const t1 = Date.now()
    let peak = s0.rssMB
    while (Date.now() - t1 < opt.rest * 1000) { await sleep(1000); peak = Math.max(peak, sample(server.pid).rssMB) }
    const s1 = sample(server.pid)
    const wall = (Date.now() - t1) / 1000
    const result = {
      connections: joined, documents: opt.documents,
      rssIdleServerMB: +before.rssMB.toFixed(1), rssAfterJoinMB: +afterJoin.rssMB.toFixed(1),
      rssAtRestMB: +s1.rssMB.toFixed(1), rssPeakAtRestMB: +peak.toFixed(1),
      kBPerConnection: +(((s1.rssMB - before.rssMB) * 1024) / Math.max(1, joined)).toFixed(1),
      cpuAtRestPercent: +(100 * (s1.cpuS - s0.cpuS) / wall).toFixed(2), restSeconds: +wall.toFixed(0),
      threads: s1.threads, fds: s1.fds,
    }
    console.log(JSON.stringify(result))
  } finally {
    for (const k of kids) k.connected && k.send('close')
    await sleep(1000)
    for (const k of kids) if (k.exitCode === null) k.kill('SIGKILL')
    await stop(server)
  }
}

if (opt.worker) worker().catch(e => { console.error(e); process.exit(1) })
else {
  setTimeout(() => { console.error('idle.js: hard timeout'); process.exit(2) }, (opt['connect-timeout'] + opt.rest + 120) * 1000).unref()
  main().then(() => process.exit(0), e => { console.error(e); process.exit(1) })
}
