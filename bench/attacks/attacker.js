'use strict'
// The attacker process (forked by run.js, reniced so that its own CPU competes less with the server than
// the server's defences are meant to bound). Messages from the parent: {cmd: 'prepare', attack, trial, ctx}
// connects and sets up, idle (the baseline is measured then); {cmd: 'go'} starts the attack; {cmd: 'stop'}
// stops it and answers with what the attack saw: counts, defence checks and the documents it touched.
const net = require('net')
const { http, token, createDocument, grant, connect, LengthTracker, sleep } = require('./lib')

let state = null

// Hub errors read "… HubException: <code>: …" (docs/protocol.md); anything else counts by its first word.
const code = (e) => { const t = String(e && e.message || e); return (/HubException: (\w+)/.exec(t) || /(\w+)/.exec(t) || [, 'error'])[1] }
const count = (counts, key) => { counts[key] = (counts[key] || 0) + 1 }

/** Runs `fn` in `n` parallel lanes, each at most `rate` calls a second, until state.running is false. */
function flood(n, rate, fn, alive = () => state.running) {
  return Promise.all(Array.from({ length: n }, async (_, lane) => {
    let next = performance.now()
    while (alive()) {
      const wait = next - performance.now()
      if (wait > 0) await sleep(wait)
      next = Math.max(next + 1000 / rate, performance.now())
      await fn(lane)
    }
  }))
}

async function call(counts, conn, ...args) {
  const label = typeof args[args.length - 1] === 'string' && args[args.length - 1].startsWith('#') ? args.pop().slice(1) + ' ' : ''
  try { await conn.invoke(...args); count(counts, label + 'ok') } catch (e) { count(counts, label + code(e)) }
}

/** Opens n connections of one user; those over the per-user cap are closed right after their handshake. */
async function connectMany(base, tok, n) {
  const settled = await Promise.allSettled(Array.from({ length: n }, () => connect(base, tok)))
  const conns = settled.filter(s => s.status === 'fulfilled').map(s => s.value)
  // Each connection proves it is open with a call; one over the cap is closed before it can answer.
  await Promise.allSettled(conns.map(c => c.invoke('GetOperations', 'none', 0, 0)))
  const open = conns.filter(c => !c.closed)
  return { open, refused: n - open.length, capped: conns.filter(c => c.closed && /limit_exceeded/.test(c.closeError || '')).length }
}

const attacks = {
  // (1) Memory: alternating 1,000,000-character insert and delete on the attacker's own document, Join(doc, 0)
  // twice a second, and 150 documents created, the first 16 with 1,000,000 characters, joined from one connection.
  async memory({ base, trial, opt }) {
    const me = await token(base, `mallory-mem-${trial}`)
    const id = `atk-mem-${trial}`
    await createDocument(base, me.token, id, '')
    const writer = await connect(base, me.token), joiner = await connect(base, me.token), holder = await connect(base, me.token)
    await joiner.invoke('Join', id, null)
    const big = 'x'.repeat(1000000)
    const docs = [{ id, token: me.token }]
    return {
      conns: [writer, joiner, holder], docs,
      async go(counts) {
        let revision = 0, seq = 0
        const write = flood(1, opt['mem-rate'], async () => {
          try {
            const r = await writer.invoke('Submit', id, revision, seq % 2 ? [-1000000] : [big], 'mem', seq + 1)
            revision = r.revision; seq++; count(counts, 'submit ok')
          } catch (e) { count(counts, 'submit ' + code(e)) }
        })
        const rejoin = flood(1, 2, async () => {
          try { const j = await joiner.invoke('Join', id, 0); count(counts, j.text === null ? 'join ops' : 'join text') } catch (e) { count(counts, 'join ' + code(e)) }
        })
        const create = (async () => {
          for (let i = 0; i < 150 && state.running; i++) {
            const r = await http(base, 'POST', '/api/documents', me.token, { id: `atk-big-${trial}-${i}`, text: i < 16 ? big : '' })
            count(counts, 'create ' + r.status)
            if (r.status === 201) {
              docs.push({ id: `atk-big-${trial}-${i}`, token: me.token })
              if (i < 16) try { await holder.invoke('Join', `atk-big-${trial}-${i}`, null); count(counts, 'big join ok') } catch (e) { count(counts, 'big join ' + code(e)) }
            }
          }
        })()
        await Promise.all([write, rejoin, create])
      },
      checks(counts) {
        return [{ name: 'documents created <= MaxDocumentsCreatedPerHour (100)', ok: (counts['create 201'] || 0) <= 100 }]
      },
    }
  },

  // (2) A stranger (no role on the honest document) floods Submit and UpdatePresence on it from 20 connections.
  async strangers({ base, trial, ctx, opt }) {
    const me = await token(base, `mallory-stranger-${trial}`)
    const { open } = await connectMany(base, me.token, 20)
    return {
      conns: open, docs: [],
      async go(counts) {
        let seq = 0
        await flood(open.length * 2, opt['stranger-rate'], async (lane) => {
          const c = open[lane % open.length]
          if (lane % 2) await call(counts, c, 'UpdatePresence', ctx.documentId, ctx.revision, [{ anchor: 0, head: 0 }])
          else await call(counts, c, 'Submit', ctx.documentId, ctx.revision, ['s', ctx.length], 'stranger', ++seq)
        })
      },
      checks(counts) { return [{ name: 'no stranger call succeeded', ok: !counts.ok }] },
    }
  },

  // (3) CPU amplification: submits of 5,000 components based on revision 0, 60 operations of 5,000 components
  // behind; resends of committed seqs; 1 MB operations of 9,990 adjacent inserts based on revision 0.
  async cpu({ base, trial, opt }) {
    const me = await token(base, `mallory-cpu-${trial}`)
    const id = `atk-cpu-${trial}`
    await createDocument(base, me.token, id, 'a'.repeat(3000))
    const writer = await connect(base, me.token)
    const wide = (length) => { const op = []; for (let k = 0; k < 2500; k++) op.push(1, 'b'); op.push(length - 2500); return op }
    const committed = []
    for (let k = 0, length = 3000; k < 60; k++, length += 2500) {
      const op = wide(length)
      // Within the work budget: a rate_limited submit is sent again after its retry hint.
      for (;;) {
        try { await writer.invoke('Submit', id, k, op, 'cpu-w', k + 1); break } catch (e) {
          const hint = /"retryAfterMs":(\d+)/.exec(String(e.message)); if (!hint) throw e; await sleep(Number(hint[1]))
        }
      }
      committed.push({ base: k, op, seq: k + 1 })
    }
    const { open } = await connectMany(base, me.token, 8)
    const stale = wide(3000)
    const adjacent = Array.from({ length: 9990 }, () => 'c'.repeat(100)).concat([3000])
    return {
      conns: [writer, ...open], docs: [{ id, token: me.token }],
      async go(counts) {
        let seq = 0
        await Promise.all([
          flood(open.length, opt['cpu-rate'], async (lane) => {
            const c = open[lane]
            const resend = opt['cpu-lanes'] === 'both' ? seq % 2 === 1 : opt['cpu-lanes'] === 'resend'
            if (resend) { const k = committed[seq % committed.length]; seq++; await call(counts, c, 'Submit', id, k.base, k.op, 'cpu-w', k.seq, '#resend') } else await call(counts, c, 'Submit', id, 0, stale, `cpu-s${lane}`, ++seq, '#stale')
          }),
          flood(1, 4, async () => call(counts, writer, 'Submit', id, 0, adjacent, 'cpu-adj', ++seq, '#adjacent')),
        ])
      },
      checks(counts) {
        // While the user is over its receive budget (the 1 MB operations spend it) the server reads nothing from
        // its connections, and it closes one it has not heard from for ClientTimeoutInterval (docs/security.md):
        // a defence too, whose pending calls fail as '… connection'.
        for (const c of [writer, ...open]) if (c.closed) count(counts, `closed by the server (${c.closeError || 'no close message'})`)
        return [{
          name: 'stale submits refused with revision_too_old, resends answered with their revision (or rate_limited, or the connection closed by the server)',
          ok: Object.keys(counts).every(k => ['stale revision_too_old', 'adjacent revision_too_old', 'resend ok'].includes(k) ||
            k.endsWith(' rate_limited') || k.endsWith(' connection') || k.startsWith('closed by the server')),
        }]
      },
    }
  },

  // (4) Slow readers: a joined client that stops reading its socket every 2 s (at most 4). Other editors
  // paste and remove 200K characters at the end of the text 8 times a second in all, in the baseline too: the
  // broadcast volume (0.8 MB/s) that fills a slow reader's kernel buffers and send queue within seconds. The
  // pasting is spread over `pasters` users in turn, each within the default work and receive budgets.
  async slow({ base, trial, ctx, opt }) {
    const me = await token(base, `mallory-slow-${trial}`)
    await grant(base, ctx.ownerToken, ctx.documentId, me.userId, 'editor')
    const size = 200000, chunk = 'p'.repeat(size)
    // One paste stream, one step at a time, sent in turn through each paster's connection (its own user and
    // work budget); the first connection's broadcasts and the acks keep one length tracker.
    const pasters = []
    for (let p = 0; p < opt.pasters; p++) {
      const user = await token(base, `paster-${trial}-${p}`)
      await grant(base, ctx.ownerToken, ctx.documentId, user.userId, 'editor')
      const conn = await connect(base, user.token)
      pasters.push({ conn, seq: 0, id: `paste-${trial}-${p}` })
    }
    let tracker = await LengthTracker.join(pasters[0].conn, ctx.documentId)
    pasters[0].conn.on('Operation', (m) => tracker.onRemote(m.revision, m.operation))
    // The honest editor edits the start of the text, the paste is at its end: their deletes never overlap,
    // so each acknowledged operation changes the length by exactly what it says.
    let pasted = false, turn = 0
    const step = async () => {
      const p = pasters[turn++ % pasters.length]
      const length = tracker.length, paste = !pasted
      const op = paste ? [length, chunk] : [length - size, -size]
      try {
        const r = await p.conn.invoke('Submit', ctx.documentId, tracker.known, op, p.id, ++p.seq)
        tracker.onAck(r.revision, paste ? size : -size); pasted = paste
      } catch (e) {
        if (/operation_mismatch/.test(String(e.message))) {
          // The tracker's idea of the length was wrong (as the honest editor's can be, honest.js): resynchronise and
          // count it. Not a server error; the texts-equal-logs check covers the server's side.
          tracker = await LengthTracker.join(pasters[0].conn, ctx.documentId); pasted = tracker.length >= size
          count(state.counts, 'paster resyncs')
          return
        }
        state.backgroundErrors = (state.backgroundErrors || 0) + 1; state.backgroundError = state.backgroundError || String(e.message).slice(-200)
      }
    }
    // Leaves the text as it found it: the last paste is removed when the attack stops.
    state.background = flood(1, opt['paste-rate'], step, () => !state.stopped).then(async () => { for (let i = 0; i < 20 && pasted && !pasters[0].conn.closed; i++) { await sleep(100); await step() } })
    const readers = []
    return {
      conns: pasters.map(p => p.conn), docs: [], readers,
      async go(counts) {
        while (state.running) {
          if (readers.length < 4) {
            const r = await connect(base, me.token)
            await r.invoke('Join', ctx.documentId, null)
            r.ws._socket.pause()
            readers.push(r); count(counts, 'slow readers')
          }
          await sleep(2000)
        }
      },
      async after(counts) {
        for (const r of readers) r.ws._socket.resume()
        await sleep(1500)
        counts['slow readers closed by the server'] = readers.filter(r => r.closed).length
        for (const r of readers) r.close()
      },
      // The first one had the whole window at about 1 MB/s: more than the kernel's buffers and MaxSendQueueBytes.
      checks(counts) { return [{ name: 'the server closed the first slow reader (send queue over MaxSendQueueBytes)', ok: readers.length > 0 && readers[0].closed }] },
    }
  },

  // (5) Presence storm: 4 users each try 70 connections (64 allowed), all joined to the honest document as
  // viewers; in the attack each sends its cursor twice a second.
  async presence({ base, trial, ctx, opt }) {
    const conns = [], refused = []
    for (let u = 0; u < 4; u++) {
      const me = await token(base, `mallory-crowd-${trial}-${u}`)
      await grant(base, ctx.ownerToken, ctx.documentId, me.userId, 'viewer')
      const r = await connectMany(base, me.token, 70)
      conns.push(...r.open); refused.push(r.capped)
    }
    const revisions = new Map()
    await Promise.allSettled(conns.map(async (c) => {
      c.on('Operation', (m) => { if (m.revision > revisions.get(c)) revisions.set(c, m.revision) })
      revisions.set(c, (await c.invoke('Join', ctx.documentId, null)).revision)
    }))
    const dropped = conns.filter(c => c.closed).length
    return {
      conns, docs: [],
      async go(counts) {
        await flood(conns.length, opt['presence-rate'], async (lane) => {
          const c = conns[lane], at = Math.floor(Math.random() * 100)
          await call(counts, c, 'UpdatePresence', ctx.documentId, revisions.get(c), [{ anchor: at, head: at }])
        })
      },
      checks() {
        return [{ name: `connections per user <= MaxConnectionsPerUser (64): ${conns.length - dropped} joined, ${refused.join('+')} closed with limit_exceeded`, ok: refused.every(r => r === 6) }]
      },
    }
  },

  // (6) Idle and half-open: 100 TCP connections that never send a byte, 100 WebSockets that never send the
  // SignalR handshake, 50 handshaken connections that never send anything, 50 that send the first 1,000
  // bytes of a 2 MB frame and stop. All must be closed by the server within the window.
  async idle({ base, trial }) {
    const port = +new URL(base).port
    const silent = []
    const tokens = [await token(base, `mallory-idle-${trial}-a`), await token(base, `mallory-idle-${trial}-b`)]
    return {
      conns: [], docs: [], silent,
      async go(counts) {
        const WebSocket = require(require.resolve('ws', { paths: [require('path').join(__dirname, '..', 'load')] }))
        const track = (kind, closedPromise) => { const e = { kind, closed: false }; silent.push(e); closedPromise.then(() => { e.closed = true }) }
        for (let i = 0; i < 100; i++) {
          const s = net.connect(port, '127.0.0.1'); s.on('error', () => {}); s.on('data', () => {})
          track('tcp', new Promise(r => s.once('close', r)))
        }
        for (let i = 0; i < 100; i++) {
          const ws = new WebSocket(`${base.replace('http', 'ws')}/hubs/docs?access_token=${tokens[0].token}`, { perMessageDeflate: false })
          ws.on('error', () => {})
          track('no handshake', new Promise(r => ws.once('close', r)))
        }
        for (let i = 0; i < 100; i++) {
          const c = await connect(base, tokens[1].token, 3600000).catch(() => null)
          if (!c) { count(counts, 'refused'); continue }
          clearInterval(c.ping)
          if (i % 2) {
            // A masked text frame announcing 2,000,000 bytes, then 1,000 of them.
            const head = Buffer.from([0x81, 0xff, 0, 0, 0, 0, 0, 0x1e, 0x84, 0x80, 1, 2, 3, 4])
            c.ws._socket.write(Buffer.concat([head, Buffer.alloc(1000, 7)]))
          }
          track(i % 2 ? 'unfinished frame' : 'silent after handshake', new Promise(r => c.ws.once('close', r)))
        }
        while (state.running) await sleep(200)
      },
      async after(counts) {
        // The timeouts (3 s handshake, 6 s client, 5 s request headers) run from each connection's opening.
        for (let i = 0; i < 50 && silent.some(e => !e.closed); i++) await sleep(200)
        for (const e of silent) count(counts, `${e.kind} ${e.closed ? 'closed' : 'open'}`)
      },
      checks(counts) {
        return [{ name: 'every idle or half-open connection closed by the server', ok: silent.length > 0 && silent.every(e => e.closed) }]
      },
    }
  },
}

process.on('message', async (m) => {
  try {
    if (m.cmd === 'prepare') {
      state = { running: false, counts: {} }
      state.attack = await attacks[m.attack]({ ...m, base: m.ctx.base, ctx: m.ctx })
      process.send({ ok: true, id: m.id })
    } else if (m.cmd === 'go') {
      state.running = true
      state.done = state.attack.go(state.counts).catch(e => { state.counts['attacker error: ' + e.message] = 1 })
      process.send({ ok: true, id: m.id })
    } else if (m.cmd === 'stop') {
      state.running = false
      state.stopped = true
      // A call the server never answers (or answers very late) must not hold up the run.
      const finished = await Promise.race([Promise.all([state.done, state.background]).then(() => true), sleep(20000).then(() => false)])
      if (!finished) state.counts['calls still unanswered 20 s after stop'] = 1
      if (state.attack.after) await state.attack.after(state.counts)
      const checks = state.attack.checks(state.counts)
      for (const c of state.attack.conns) c.close()
      process.send({ ok: true, id: m.id, counts: state.counts, checks, docs: state.attack.docs, backgroundErrors: state.backgroundErrors || 0, backgroundError: state.backgroundError })
    }
  } catch (e) {
    process.send({ ok: false, id: m.id, error: String(e.stack || e) })
  }
})
