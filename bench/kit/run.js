#!/usr/bin/env node
'use strict'
// Copied from the peer benchmark kit (see bench/README.md); changed: paths inside the repository,
// a built-in `collabdocs` peer, the d-readers1000 scenario, --env-server for server-only env vars,
// --append and --list (for bench/run-all.sh, which interleaves the servers run by run), the e-docs100
// scenario, and --warmup S: before the measured run, the same scenario runs S seconds against the same
// server on other documents (results discarded), so the figures are those of a warm server (JIT done);
// --service-pids P,Q: the CPU of processes outside the server's tree that serve it (PostgreSQL, Redis) is
// sampled over the same window.
// Orchestrates the peer benchmarks: for each scenario x run it starts a FRESH server process on
// 127.0.0.1, runs load/loadgen.js against it in a child process (so the loadgen is fresh too),
// samples the server's RSS/CPU via /proc, stops the server, and prints medians.
//
//   node bench/kit/run.js --peer sharedb                # all ShareDB scenarios, 3 runs each
//   node bench/kit/run.js --peer hocuspocus --runs 3
//   node bench/kit/run.js --peer collabdocs              # needs bench/.build/collabdocs (bench/run-all.sh publishes it)
//   node bench/kit/run.js --peer sharedb --only c-fanout --runs 1 --duration 3 --out results/smoke   # quick smoke
//   node bench/kit/run.js --peer custom --server-cmd "dotnet /abs/X.dll --urls http://127.0.0.1:{port}" \
//        --adapter /abs/path/to/adapter.js --url http://127.0.0.1:{port}/hubs/docs
// --out is relative to bench/.
const { spawn } = require('child_process')
const net = require('net')
const fs = require('fs')
const path = require('path')

const ROOT = path.join(__dirname, '..')
const { row } = require('./summary-lib')
const argv = process.argv.slice(2)
const opt = {}
for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) opt[argv[i].slice(2)] = (argv[i + 1] && !argv[i + 1].startsWith('--')) ? argv[++i] : true

const PEERS = {
  sharedb: { serverCmd: 'node sharedb/server.js --port {port}', adapter: 'sharedb', url: 'ws://127.0.0.1:{port}' },
  hocuspocus: { serverCmd: 'node hocuspocus/server.js --port {port}', adapter: 'hocuspocus', url: 'ws://127.0.0.1:{port}' },
  collabdocs: {
    serverCmd: 'collabdocs/run-server.sh ' + (opt.dll || path.join(ROOT, '.build', 'collabdocs', 'CollabDocs.Server.dll')) + ' {port}',
    adapter: 'collabdocs', url: 'http://127.0.0.1:{port}/hubs/docs',
  },
  custom: { serverCmd: opt['server-cmd'], adapter: opt.adapter, url: opt.url },
}
// Scenario table. Every run is bounded: --duration caps submission, --drain caps ack/convergence wait.
const SCENARIOS = {
  // (a) single writer, one op per round trip (no composition). Whole trace does not fit in 60 s
  //     for ShareDB, so it is capped at 30 s of submitting.
  'a-ack': { writers: 1, readers: 0, mode: 'ack', duration: 30 },
  // (a') single writer, whole trace, submitting as fast as possible (ShareDB composes pending ops)
  'a-flood': { writers: 1, readers: 0, mode: 'flood', duration: 50 },
  // (b) 10 concurrent writers on one doc, each one op per round trip
  'b-ack10': { writers: 10, readers: 0, mode: 'ack', duration: 30 },
  // (b') 10 writers flooding (ShareDB composes; concurrency => server-side transforms)
  'b-flood10': { writers: 10, readers: 0, mode: 'flood', duration: 30 },
  // (c) fan-out: 1 writer at 100 patches/s (fast typist x10) + 100 readers
  'c-fanout': { writers: 1, readers: 100, mode: 'rate', rate: 100, duration: 20 },
  // (c') fan-out, writer one-op-per-round-trip (max rate the pipeline sustains) + 100 readers
  'c-fanout-ack': { writers: 1, readers: 100, mode: 'ack', duration: 20 },
  // (d) large fan-out: 1 writer at 20 patches/s + 1,000 readers (not in the default set: --only d-readers1000)
  // (e) many documents: 100 documents with 2 writers each, one op per round trip (issue 11's scale-out
  //     overhead: on one machine more nodes add hops, not cores; not in the default set: --only e-docs100)
  'e-docs100': { docs: 100, writers: 2, readers: 0, mode: 'ack', duration: 30, 'connect-concurrency': 50, optional: true },
  'd-readers1000': { writers: 1, readers: 1000, mode: 'rate', rate: 20, duration: 30, drain: 60, 'connect-concurrency': 50, 'connect-allowance': 600, optional: true },
}

if (opt.list) { console.log(Object.keys(SCENARIOS).filter(n => !SCENARIOS[n].optional).join(',')); process.exit(0) }
const peerName = opt.peer || 'sharedb'
const peer = PEERS[peerName]
if (!peer || !peer.serverCmd || !peer.adapter) throw new Error('unknown/incomplete peer ' + peerName)
const runs = +(opt.runs || 3)
const only = opt.only ? opt.only.split(',') : Object.keys(SCENARIOS).filter(n => !SCENARIOS[n].optional)
const basePort = +(opt.port || 18100)
const outDir = path.resolve(ROOT, opt.out || 'results') // --out DIR to keep smoke runs apart
fs.mkdirSync(outDir, { recursive: true })

const sleep = (ms) => new Promise(r => setTimeout(r, ms))
function waitPort(port, timeoutMs = 60000) {
  const t0 = Date.now()
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = net.connect(port, '127.0.0.1')
      s.once('connect', () => { s.destroy(); resolve() })
      s.once('error', () => { s.destroy(); if (Date.now() - t0 > timeoutMs) reject(new Error('server did not open port ' + port)); else setTimeout(attempt, 100) })
    }
    attempt()
  })
}
function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...opts })
    let out = '', err = ''
    p.stdout.on('data', d => { out += d })
    p.stderr.on('data', d => { err += d; if (opt.verbose) process.stderr.write(d) })
    p.on('close', (code) => resolve({ code, out, err }))
  })
}

async function one(name, sc, port) {
  const sub = (s) => s.replace(/\{port\}/g, port)
  // --env-server "A=1 B=2": environment for the server only (e.g. GC settings)
  const serverEnv = { ...process.env }
  for (const kv of String(opt['env-server'] || '').split(/\s+/).filter(Boolean)) { const i = kv.indexOf('='); serverEnv[kv.slice(0, i)] = kv.slice(i + 1) }
  const server = spawn('bash', ['-c', 'exec ' + sub(peer.serverCmd)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv })
  let serverLog = ''
  server.stdout.on('data', d => { serverLog += d }); server.stderr.on('data', d => { serverLog += d })
  try {
    await waitPort(port)
    await sleep(300)
    const args = ['load/loadgen.js', '--adapter', peer.adapter, '--url', sub(peer.url), '--server-pid', String(server.pid), '--quiet',
      '--trace', opt.trace || 'automerge-paper']
    for (const [k, v] of Object.entries(sc)) args.push('--' + k, String(v))
    if (opt['service-pids']) args.push('--service-pids', String(opt['service-pids']))
    // NODE_PATH lets an adapter kept outside this folder require the packages installed in load/.
    const env = { env: { ...process.env, NODE_PATH: path.join(ROOT, 'load', 'node_modules') } }
    if (opt.warmup) {
      // the server's CPU and RSS are sampled by the measured run only, from its own start
      const w = await run(process.execPath, [...args, '--duration', String(opt.warmup), '--doc', `warmup-${Date.now()}`], env)
      if (w.code !== 0) return { error: `warm-up loadgen exit ${w.code}: ${w.err.slice(-2000)}` }
    }
    const r = await run(process.execPath, args, env)
    const line = r.out.trim().split('\n').pop()
    try { return JSON.parse(line) } catch { return { error: `loadgen exit ${r.code}: ${r.err.slice(-2000)}` } }
  } finally {
    server.kill('SIGTERM')
    await Promise.race([new Promise(r => server.once('close', r)), sleep(3000)])
    if (server.exitCode === null) server.kill('SIGKILL')
    if (opt.verbose) process.stderr.write(serverLog.slice(-500))
  }
}

;(async () => {
  const summary = []
  let port = basePort
  for (const name of only) {
    if (!SCENARIOS[name]) throw new Error('unknown scenario ' + name)
    const sc = { ...SCENARIOS[name] }
    delete sc.optional
    if (opt.duration) sc.duration = +opt.duration
    const rs = []
    for (let i = 0; i < runs; i++) {
      const r = await one(name, sc, port++)
      rs.push(r)
      console.error(`[run] ${peerName} ${name} #${i + 1}: ` + (r.error ? r.error : `acked/s=${r.ackedPerSec} ack p50/p99=${r.ackLatencyMs.p50}/${r.ackLatencyMs.p99} remote p50/p99=${r.remoteLatencyMs.p50}/${r.remoteLatencyMs.p99} conv=${r.converged} srvPeak=${r.server && r.server.rssPeakMB}MB`))
    }
    // --append adds these runs to the ones already in the file (run-all.sh interleaves servers run by run)
    const file = path.join(outDir, `${peerName}-${name}.json`)
    const all = opt.append && fs.existsSync(file) ? [...JSON.parse(fs.readFileSync(file, 'utf8')), ...rs] : rs
    fs.writeFileSync(file, JSON.stringify(all, null, 1))
    summary.push(row(name, all))
  }
  console.table(summary)
  // summary of every scenario of this peer found in outDir (rebuilt from the per-scenario JSON files)
  const merged = Object.keys(SCENARIOS).filter(n => fs.existsSync(path.join(outDir, `${peerName}-${n}.json`)))
    .map(n => row(n, JSON.parse(fs.readFileSync(path.join(outDir, `${peerName}-${n}.json`), 'utf8'))))
  fs.writeFileSync(path.join(outDir, `${peerName}-summary.json`), JSON.stringify(merged, null, 1))
  console.log(`all ${peerName} scenarios in ${outDir}:`)
  console.table(merged)
})().catch(e => { console.error(e); process.exit(1) })
