#!/usr/bin/env node
'use strict'
// Where the CPU went, from `perf script -F tid,ip,sym,dso` output of a .NET server: each sample is
// charged to the first named category met walking from the leaf frame towards the thread's root (a
// sample inside SQLite called from the commit counts as "SQLite"; kernel, libc and unnamed coreclr frames
// count for their nearest named caller, e.g. the JIT or socket code), plus inclusive shares of a few
// pipeline stages (a sample counts for every stage on its stack), and the top leaf functions.
//   node bench/profile/perf-categorize.js perf.script
const fs = require('fs')
const text = fs.readFileSync(process.argv[2], 'utf8')

// leaf-first categories: first match wins (order matters)
const LEAF = [
  ['GC', /WKS::|SVR::|gc_heap|GCHeap|memset_repmovs|Memmove.*GC|BlockAlloc|JIT_New|Allocator/],
  ['JIT / tiering', /libclrjit|TieredCompilation|CallCountingStub|ThePreStub|MethodDesc::DoPrestub/],
  ['thread pool: spinning / waiting', /LowLevelLifoSemaphore|LowLevelSpinWaiter|SpinWait|Thread\.SpinWait|Semaphore|WaitForSignal|PortableThreadPool.*Wait|sched_yield|futex/],
  ['SQLite (native + provider)', /libe_sqlite3|Microsoft\.Data\.Sqlite|SQLitePCL\.raw|SQLitePCL\.SQLite3Provider/],
  ['JSON (System.Text.Json)', /System\.Text\.Json/],
  ['OT engine (CollabDocs.Ot)', /CollabDocs\.Ot\./],
  ['SignalR', /Microsoft\.AspNetCore\.SignalR/],
  ['Kestrel / HTTP / WebSockets', /Microsoft\.AspNetCore\.Server\.Kestrel|System\.Net\.WebSockets|Microsoft\.AspNetCore\.WebSockets|Microsoft\.AspNetCore\.Http/],
  ['Pipelines / sockets (managed)', /System\.IO\.Pipelines|System\.Net\.Sockets/],
  ['EF Core', /Microsoft\.EntityFrameworkCore/],
  ['CollabDocs server / storage code', /CollabDocs\./],
  ['logging / diagnostics', /Microsoft\.Extensions\.Logging|System\.Diagnostics/],
  ['async machinery / thread pool dispatch', /AsyncTaskMethodBuilder|AsyncStateMachine|ExecutionContext|ThreadPoolWorkQueue|Task\.|TaskScheduler|ValueTask|IThreadPoolWorkItem|Threading\.Channels/],
  ['kernel: network (tcp, epoll)', /tcp_|sock_|inet_|ip_|__sys_send|__sys_recv|skb|netif|epoll|ep_poll|loopback|__dev_queue|net_rx|do_softirq|__x64_sys_(sendto|recvfrom|sendmsg|recvmsg|epoll|write|read)/],
  ['kernel: scheduler / futex / other', /\[kernel\.kallsyms\]|kallsyms/],
  ['runtime (coreclr, other)', /libcoreclr|libclrgc/],
  ['libc / other native', /libc\.so|libc-|libpthread|ld-linux|libstdc/],
]
const WEAK = new Set(['kernel: network (tcp, epoll)', 'kernel: scheduler / futex / other', 'runtime (coreclr, other)', 'libc / other native', 'async machinery / thread pool dispatch'])
// inclusive stages: a sample counts for each stage found anywhere on its stack
const STAGES = [
  ['commit (CommitConnection, incl. SQLite)', /CollabDocs\.Storage\.CommitConnection/],
  ['SQLite native (its frames have no frame pointers: callers not unwound)', /libe_sqlite3/],
  ['EF Core (queries outside the commit)', /Microsoft\.EntityFrameworkCore/],
  ['document session (actor)', /CollabDocs\.Server\.Documents\.DocumentSession/],
  ['hub method dispatch (SignalR DefaultHubDispatcher)', /DefaultHubDispatcher/],
  ['SignalR protocol parse/write (JSON hub protocol)', /JsonHubProtocol/],
  ['outgoing messages (SignalR SendAsync / WriteAsync)', /HubConnectionContext\.(WriteAsync|WriteCore|TryWritePingAsync)|SendCoreAsync|SendAllCore|SendToAll/],
  ['Kestrel socket transport', /Kestrel\.Transport\.Sockets/],
  ['WebSocket framing', /ManagedWebSocket|WebSocketsTransport|WebSocketsServerTransport/],
  ['thread-pool waiting/spinning', /LowLevelLifoSemaphore|LowLevelSpinWaiter|SpinWait/],
  ['GC', /WKS::|SVR::|gc_heap/],
  ['kernel', /\[kernel\.kallsyms\]/],
]

const samples = []
let cur = null
for (const line of text.split('\n')) {
  if (!line.trim()) { if (cur && cur.frames.length) samples.push(cur); cur = null; continue }
  if (!line.startsWith('\t')) { if (cur && cur.frames.length) samples.push(cur); cur = { head: line, frames: [] }; continue }
  if (!cur) continue
  const m = /^\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$/.exec(line)
  cur.frames.push(m ? `${m[2]} [${m[3].split('/').pop()}]` : line.trim())
}
if (cur && cur.frames.length) samples.push(cur)
const n = samples.length
const pct = (x) => (100 * x / n).toFixed(1) + ' %'
const cat = new Map(), stage = new Map(), leaf = new Map()
for (const s of samples) {
  // the nearest caller in a named category wins; native runtime, libc and kernel frames only name the
  // sample when nothing above them does (so a send() in the kernel counts for the code that sent)
  let c = null, weak = null
  // IL stubs carry an arbitrary module name in the perf map (e.g. the epoll P/Invoke stub shows as
  // SQLitePCLRaw's), so they never name a sample
  outer: for (const f of s.frames) for (const [name, re] of LEAF) if (!/IL_STUB/.test(f) && re.test(f)) {
    if (WEAK.has(name)) { weak = weak || name; break } else { c = name; break outer }
  }
  c = c || weak || 'other (unresolved)'
  s.category = c
  cat.set(c, (cat.get(c) || 0) + 1)
  for (const [name, re] of STAGES) if (s.frames.some(f => re.test(f))) stage.set(name, (stage.get(name) || 0) + 1)
  leaf.set(s.frames[0], (leaf.get(s.frames[0]) || 0) + 1)
}
const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1])
// --detail "name": the functions that named the samples of one category (the first matching frame)
const detail = process.argv.indexOf('--detail')
if (detail > 0) {
  const want = process.argv[detail + 1], re = (LEAF.find(([k]) => k.startsWith(want)) || [])[1], by = new Map()
  for (const s of samples) if (s.category.startsWith(want)) { const f = s.frames.find(x => re.test(x)) || s.frames[0]; by.set(f, (by.get(f) || 0) + 1) }
  for (const [k, v] of [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(pct(v), k.slice(0, 200))
  process.exit(0)
}
console.log(`${n} samples\n\n| where the CPU went (leaf-first category) | share |\n|---|---:|`)
for (const [k, v] of sorted(cat)) console.log(`| ${k} | ${pct(v)} |`)
console.log(`\n| pipeline stage (inclusive) | share |\n|---|---:|`)
for (const [k] of STAGES) console.log(`| ${k} | ${pct(stage.get(k) || 0)} |`)
console.log(`\n| top leaf functions | share |\n|---|---:|`)
for (const [k, v] of sorted(leaf).slice(0, 25)) console.log(`| \`${k.replace(/\|/g, '\\|').slice(0, 140)}\` | ${pct(v)} |`)
