'use strict'
// Shared helpers of the scale scripts: start a published CollabDocs server on a fresh data folder,
// /proc sampling, document creation, argument parsing.
const { spawn } = require('child_process')
const fs = require('fs')
const net = require('net')
const path = require('path')

const BENCH = path.join(__dirname, '..')
const DEFAULT_DLL = path.join(BENCH, '.build', 'collabdocs', 'CollabDocs.Server.dll')

function args(defaults) {
  const argv = process.argv.slice(2)
  const opt = { ...defaults }
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue
    const k = argv[i].slice(2)
    const v = (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) ? argv[++i] : true
    opt[k] = typeof defaults[k] === 'number' ? +v : v
  }
  return opt
}

const sleep = (ms) => new Promise(r => setTimeout(r, ms))

function waitPort(port, timeoutMs = 60000) {
  const t0 = Date.now()
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = net.connect(port, '127.0.0.1')
      s.once('connect', () => { s.destroy(); resolve() })
      s.once('error', () => { s.destroy(); if (Date.now() - t0 > timeoutMs) reject(new Error('no server on port ' + port)); else setTimeout(attempt, 100) })
    }
    attempt()
  })
}

/** Starts bench/collabdocs/run-server.sh (anonymous, rate limits off); `dataDir` reuses a data folder. */
async function startCollabDocs({ port, dll = DEFAULT_DLL, dataDir = null, env = {} }) {
  if (!fs.existsSync(dll)) throw new Error(`${dll} missing: run bench/run-all.sh once or dotnet publish src/CollabDocs.Server -c Release -o bench/.build/collabdocs`)
  const e = { ...process.env, ...env }
  if (dataDir) e.COLLABDOCS_BENCH_DATA = dataDir
  const server = spawn(path.join(BENCH, 'collabdocs', 'run-server.sh'), [dll, String(port)], { stdio: ['ignore', 'pipe', 'pipe'], env: e })
  let log = ''
  server.stdout.on('data', d => { log += d }); server.stderr.on('data', d => { log += d })
  server.log = () => log
  await waitPort(port)
  return server
}

async function stop(child) {
  if (!child || child.exitCode !== null) return
  child.kill('SIGTERM')
  await Promise.race([new Promise(r => child.once('close', r)), sleep(5000)])
  if (child.exitCode === null) child.kill('SIGKILL')
}

/** RSS (MB), CPU seconds (user+system), threads and open file descriptors of one process. */
function sample(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return {
    rssMB: +(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024,
    // anonymous (GC heap, native heap: SQLite's page caches, JIT data) against file-backed (mapped assemblies and
    // libraries) and shared memory (the JIT's double-mapped code pages)
    anonMB: +((/RssAnon:\s+(\d+)/.exec(status) || [0, 0])[1]) / 1024,
    fileMB: +((/RssFile:\s+(\d+)/.exec(status) || [0, 0])[1]) / 1024,
    shmemMB: +((/RssShmem:\s+(\d+)/.exec(status) || [0, 0])[1]) / 1024,
    cpuS: (+f[11] + +f[12]) / 100,
    threads: +(/Threads:\s+(\d+)/.exec(status)[1]),
    fds: fs.readdirSync(`/proc/${pid}/fd`).length,
  }
}

async function createDocument(base, id, text = '') {
  const res = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, text }) })
  if (res.status !== 201 && res.status !== 409) throw new Error(`create ${id}: HTTP ${res.status} ${await res.text()}`)
}

module.exports = { args, sleep, waitPort, startCollabDocs, stop, sample, createDocument, BENCH }
