'use strict'
// Helpers shared by the attack runner and the attacker process: development tokens, HTTP calls, hub
// connections, a revision/length tracker for writers that never see the text, ot.js apply, percentiles.
const { HubSocket } = require('../scale/signalr-lite')

async function http(base, method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

/** A development token (POST /api/dev/token): every name is its own user. */
async function token(base, name) {
  const r = await http(base, 'POST', '/api/dev/token', null, { name })
  if (r.status !== 200) throw new Error(`token ${name}: HTTP ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

async function createDocument(base, tok, id, text) {
  const r = await http(base, 'POST', '/api/documents', tok, { id, text })
  if (r.status !== 201) throw new Error(`create ${id}: HTTP ${r.status} ${JSON.stringify(r.body)}`)
}

async function grant(base, ownerToken, id, userId, role) {
  const r = await http(base, 'PUT', `/api/documents/${id}/members/${encodeURIComponent(userId)}`, ownerToken, { role })
  if (r.status !== 200) throw new Error(`grant ${role} on ${id} to ${userId}: HTTP ${r.status}`)
}

/** A hub connection (JSON protocol over one WebSocket) authenticated with `tok`. */
async function connect(base, tok, pingMs = 1000) {
  const s = new HubSocket(`${base}/hubs/docs?access_token=${encodeURIComponent(tok)}`, { pingMs })
  await s.start()
  return s
}

const baseLength = (op) => op.reduce((n, c) => n + (typeof c === 'number' ? Math.abs(c) : 0), 0)
const targetLength = (op) => op.reduce((n, c) => n + (typeof c === 'number' ? (c > 0 ? c : 0) : c.length), 0)

/**
 * The document's length at each revision, for a writer that keeps one operation in flight and never
 * transforms: it bases each operation on the newest revision whose length it knows (the server
 * transforms it from there). Remote operations give their target length; an own acknowledgement gives
 * the length before it plus the operation's change, known once the revision before it is.
 */
class LengthTracker {
  constructor(revision, length) { this.lengths = new Map([[revision, length]]); this.known = revision; this.remote = new Map(); this.own = new Map() }
  onRemote(revision, op) { if (revision > this.known) { this.remote.set(revision, targetLength(op)); this.advance() } }
  onAck(revision, delta) { if (revision > this.known) { this.own.set(revision, delta); this.advance() } }
  advance() {
    for (;;) {
      const r = this.known + 1
      if (this.remote.has(r)) this.lengths.set(r, this.remote.get(r))
      else if (this.own.has(r)) this.lengths.set(r, this.lengths.get(r - 1) + this.own.get(r))
      else break
      this.lengths.delete(r - 1); this.remote.delete(r); this.own.delete(r)
      this.known = r
    }
  }
  get length() { return this.lengths.get(this.known) }

  /** Joins (or rejoins) `documentId` on `conn` and tracks from the text it returns. */
  static async join(conn, documentId) {
    const joined = await conn.invoke('Join', documentId, null)
    return new LengthTracker(joined.revision, joined.text.length)
  }
}

/** ot.js apply: throws unless the operation's base length is the text's length. */
function apply(text, op) {
  if (baseLength(op) !== text.length) throw new Error(`operation base length ${baseLength(op)} != text length ${text.length}`)
  const out = []
  let i = 0
  for (const c of op) {
    if (typeof c === 'string') out.push(c)
    else if (c > 0) { out.push(text.slice(i, i + c)); i += c } else i -= c
  }
  return out.join('')
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

function stats(values) {
  const s = Float64Array.from(values).sort()
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s.length ? s[s.length - 1] : NaN }
}

const sleep = (ms) => new Promise(r => setTimeout(r, ms))

module.exports = { http, token, createDocument, grant, connect, LengthTracker, apply, stats, sleep, targetLength }
