'use strict'
// CollabDocs adapter for the load generator (bench/load/adapters/README.md).
// Each simulated user is an ot.js client (npm "ot", the reference implementation) on its own SignalR
// connection, following docs/protocol.md: one operation in flight, later edits composed into a buffer
// (as ShareDB's client does), server events applied strictly in revision order.
//
//   node bench/kit/run.js --peer collabdocs        (or: node bench/load/loadgen.js --adapter collabdocs --url ...)
// The server must run in anonymous mode (CollabDocs__Auth__Mode=Anonymous) or COLLABDOCS_TOKEN must hold a token.
// COLLABDOCS_PROTOCOL=messagepack speaks SignalR's MessagePack hub protocol instead of JSON.
const signalR = require('@microsoft/signalr')
const { TextOperation } = require('ot')

const token = process.env.COLLABDOCS_TOKEN || null
const byClientId = new Map() // clientId -> { id, seqToIdx: Map(seq -> last trace idx in that op) }

function splice(length, pos, del, ins) {
  return new TextOperation().retain(pos).insert(ins).delete(del).retain(length - pos - del)
}

function connect(url) {
  const options = { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true }
  if (token) options.accessTokenFactory = () => token
  let builder = new signalR.HubConnectionBuilder()
    .withUrl(url, options)
    .configureLogging(signalR.LogLevel.None)
  if (process.env.COLLABDOCS_PROTOCOL === 'messagepack') {
    const { MessagePackHubProtocol } = require('@microsoft/signalr-protocol-msgpack')
    builder = builder.withHubProtocol(new MessagePackHubProtocol())
  }
  const connection = builder.build()
  connection.serverTimeoutInMilliseconds = 120000
  return connection
}

module.exports = {
  name: 'collabdocs',
  defaultUrl: 'http://127.0.0.1:5080/hubs/docs',
  caps: { remoteTracking: 'any' },

  async prepare({ url, docId }) {
    const base = url.replace(/\/hubs\/docs\/?$/, '')
    const headers = { 'content-type': 'application/json' }
    if (token) headers.authorization = `Bearer ${token}`
    const res = await fetch(`${base}/api/documents`, { method: 'POST', headers, body: JSON.stringify({ id: docId, text: '' }) })
    if (res.status !== 201 && res.status !== 409) throw new Error(`create ${docId}: HTTP ${res.status} ${await res.text()}`)
  },

  async createClient({ url, docId, index, role, hooks }) {
    const connection = connect(url)
    const clientId = `${role}${index}-${Math.random().toString(36).slice(2, 10)}`
    const registration = { id: clientId, seqToIdx: new Map() }
    byClientId.set(clientId, registration)

    let text = ''
    let revision = 0
    let seq = 0
    let wireOps = 0
    let outstanding = null // { op, seq, lastIdx }
    let buffer = null // { op, lastIdx }
    let ackedUpTo = -1
    const held = new Map() // revision -> event, for events that arrive before their predecessors

    const client = {
      id: clientId,
      length: () => text.length,
      text: () => text,
      version: () => revision,
      settled: () => outstanding === null && buffer === null,
      wireOps: () => wireOps,
      submit(pos, del, ins, idx) {
        const op = splice(text.length, pos, del, ins)
        text = op.apply(text)
        if (outstanding === null) send(op, idx)
        else buffer = buffer === null ? { op, lastIdx: idx } : { op: buffer.op.compose(op), lastIdx: idx }
      },
      async close() { await connection.stop() },
    }

    function send(op, lastIdx) {
      seq++
      outstanding = { op, seq, lastIdx }
      registration.seqToIdx.set(seq, lastIdx)
      transmit()
    }

    // Sends the outstanding operation; `unavailable` (e.g. a node that kept losing commit races) and
    // `rate_limited` are retried with the same seq, which the server's exactly-once rule makes safe.
    function transmit() {
      const sent = outstanding
      wireOps++
      connection.invoke('Submit', docId, revision, sent.op.toJSON(), clientId, sent.seq).then(
        (result) => onEvent({ revision: result.revision, ack: true }),
        (error) => {
          const code = (/HubException: ([a-z_]+):/.exec(String(error && error.message)) || [])[1]
          if ((code === 'unavailable' || code === 'rate_limited') && outstanding === sent) {
            setTimeout(() => { if (outstanding === sent) transmit() }, 5 + Math.random() * 20)
            return
          }
          for (let i = ackedUpTo + 1; i <= sent.lastIdx; i++) hooks.onAck(client, i, error)
          ackedUpTo = sent.lastIdx
        })
    }

    function onEvent(event) {
      if (event.revision <= revision) return
      held.set(event.revision, event)
      while (held.has(revision + 1)) {
        const next = held.get(revision + 1)
        held.delete(revision + 1)
        apply(next)
      }
    }

    function apply(event) {
      revision = event.revision
      if (event.ack) {
        const { lastIdx } = outstanding
        outstanding = null
        for (let i = ackedUpTo + 1; i <= lastIdx; i++) hooks.onAck(client, i, null)
        ackedUpTo = lastIdx
        if (buffer !== null) { const b = buffer; buffer = null; send(b.op, b.lastIdx) }
        return
      }
      let op = TextOperation.fromJSON(event.operation)
      if (outstanding !== null) { const pair = TextOperation.transform(outstanding.op, op); outstanding.op = pair[0]; op = pair[1] }
      if (buffer !== null) { const pair = TextOperation.transform(buffer.op, op); buffer.op = pair[0]; op = pair[1] }
      text = op.apply(text)
      const origin = byClientId.get(event.clientId)
      const upTo = origin && origin.seqToIdx.get(event.seq)
      if (upTo !== undefined) hooks.onRemote(client, origin.id, upTo)
    }

    connection.on('Operation', (message) => onEvent(message))
    connection.on('Presence', () => {})
    connection.on('PresenceLeft', () => {})
    await connection.start()
    const joined = await connection.invoke('Join', docId, null)
    text = joined.text
    revision = joined.revision
    return client
  },
}
