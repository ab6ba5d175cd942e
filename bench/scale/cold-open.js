#!/usr/bin/env node
'use strict'
// Cold open: the first Join of a document with 10^6 operations in its log. Creates the document through
// the API, stops the server, writes the log straight into SQLite (cold-open-generate.py: the automerge-
// paper edits in a loop), starts a fresh server process on that database and times the first Join
// (a raw SignalR client; the time from sending Join to its completion) and the server's RSS before
// and after, twice: on a server that has already served another document, and as the first request of
// a fresh process. Runs both snapshot layouts unless --snapshot-interval is given:
//   100: snapshots every 100 revisions, as the server writes them (Join loads one snapshot + the tail);
//     0: only the revision-0 snapshot (Join replays the whole log).
//   node bench/scale/cold-open.js [--operations 1000000] [--snapshot-interval 100|0] [--port 18950]
const { execFileSync } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { args, sleep, startCollabDocs, stop, sample, createDocument } = require('./common')
const { HubSocket } = require('./signalr-lite')

const opt = args({ operations: 1000000, 'snapshot-interval': '', port: 18950, joins: 3 })

async function one(interval) {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'collabdocs-cold-'))
  const base = `http://127.0.0.1:${opt.port}`
  let server = await startCollabDocs({ port: opt.port, dataDir: data })
  try { await createDocument(base, 'cold', '') } finally { await stop(server) }
  const gen = JSON.parse(execFileSync('python3', [path.join(__dirname, 'cold-open-generate.py'), path.join(data, 'collabdocs.db'), 'cold',
    '--operations', String(opt.operations), '--snapshot-interval', String(interval)], { encoding: 'utf8' }).trim().split('\n').pop())
  console.log(`log written directly to SQLite (server stopped): ${JSON.stringify(gen)}`)
  // The file was just written, so it is in the page cache (no root to drop it): these are warm-disk figures.
  const results = []
  for (const warm of [true, false]) {
    server = await startCollabDocs({ port: opt.port, dataDir: data })
    try {
      await sleep(2000)
      if (warm) {
        // warm server: the process has already served another document (first-request JIT, EF model, pools)
        await createDocument(base, 'warm-up', 'x')
        const w = new HubSocket(`${base}/hubs/docs`); await w.start(); await w.invoke('Join', 'warm-up', null); w.close()
        await sleep(1000)
      }
      const before = sample(server.pid)
      const joins = []
      let peak = before.rssMB
      const sampler = setInterval(() => { try { peak = Math.max(peak, sample(server.pid).rssMB) } catch {} }, 20)
      for (let j = 0; j < opt.joins; j++) {
        const s = new HubSocket(`${base}/hubs/docs`)
        await s.start()
        const t0 = performance.now()
        const joined = await s.invoke('Join', 'cold', null)
        joins.push({ ms: +(performance.now() - t0).toFixed(1), revision: joined.revision, length: joined.text.length })
        s.close()
        if (j === 0) await sleep(500)
      }
      clearInterval(sampler)
      await sleep(500)
      const after = sample(server.pid)
      const r = {
        server: warm ? 'warm (served another document first)' : 'fresh process (first request of the process)',
        snapshotInterval: interval, operations: gen.revision, textLength: gen.length, dbMB: gen.dbMB,
        firstJoinMs: joins[0].ms, laterJoinsMs: joins.slice(1).map(j => j.ms),
        rssBeforeMB: +before.rssMB.toFixed(1), rssPeakMB: +peak.toFixed(1), rssAfterMB: +after.rssMB.toFixed(1),
        serverCpuS: +(after.cpuS - before.cpuS).toFixed(2), revisionOk: joins[0].revision === gen.revision && joins[0].length === gen.length,
      }
      console.log(JSON.stringify(r))
      results.push(r)
    } finally {
      await stop(server)
    }
  }
  fs.rmSync(data, { recursive: true, force: true })
  return results
}

;(async () => {
  const intervals = opt['snapshot-interval'] === '' ? [100, 0] : [+opt['snapshot-interval']]
  for (const i of intervals) await one(i)
  process.exit(0)
})().catch(e => { console.error(e); process.exit(1) })
setTimeout(() => { console.error('cold-open.js: hard timeout'); process.exit(2) }, 900 * 1000).unref()
