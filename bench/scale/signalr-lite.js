'use strict'
// A minimal SignalR JSON-protocol client over one raw WebSocket (ws), for the scale scripts: it holds
// thousands of connections in one Node process where @microsoft/signalr's HubConnection would cost far
// more memory. Speaks only what the scripts need: handshake, invocations with completions, pings.
// ws comes from bench/load's pinned packages (npm ci there).
const WebSocket = require(require.resolve('ws', { paths: [require('path').join(__dirname, '..', 'load')] }))

const RS = '\x1e'

class HubSocket {
  constructor(url, { pingMs = 15000 } = {}) {
    this.url = url.replace(/^http/, 'ws')
    this.pingMs = pingMs
    this.nextId = 0
    this.pending = new Map()
    this.handlers = new Map()
    this.closed = false
  }

  /** Opens the socket and completes the JSON-protocol handshake. */
  start() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false })
      this.ws = ws
      let handshaken = false
      ws.on('error', (e) => { if (!handshaken) reject(e) })
      ws.on('open', () => ws.send(JSON.stringify({ protocol: 'json', version: 1 }) + RS))
      ws.on('message', (data) => {
        for (const frame of data.toString().split(RS)) {
          if (!frame) continue
          let m
          try { m = JSON.parse(frame) } catch {
            // Not JSON (e.g. a message cut off by the server closing the connection): drop the connection.
            this.protocolError = frame.slice(0, 200)
            ws.close()
            return
          }
          if (!handshaken) {
            handshaken = true
            if (m.error) return reject(new Error(m.error))
            // Keep-alive: the server drops a client that sends nothing for its client timeout (30 s by default).
            this.ping = setInterval(() => this.send({ type: 6 }), this.pingMs)
            resolve(this)
            continue
          }
          this.onMessage(m)
        }
      })
      ws.on('close', () => {
        this.closed = true
        if (!handshaken) reject(new Error('closed before the handshake'))
        clearInterval(this.ping)
        for (const p of this.pending.values()) p.reject(new Error('connection closed'))
        this.pending.clear()
      })
    })
  }

  onMessage(m) {
    if (m.type === 3) {
      const p = this.pending.get(m.invocationId)
      if (!p) return
      this.pending.delete(m.invocationId)
      if (m.error) p.reject(new Error(m.error)); else p.resolve(m.result)
    } else if (m.type === 1) {
      const h = this.handlers.get(m.target)
      if (h) h(...m.arguments)
    } else if (m.type === 7) {
      this.closeError = m.error
      this.ws.close()
    }
  }

  on(target, handler) { this.handlers.set(target, handler) }

  send(message) { if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message) + RS) }

  invoke(target, ...args) {
    // A call on a closed connection would wait for ever: its 'close' event, which fails the pending calls, is past.
    if (this.closed) return Promise.reject(new Error('connection closed'))
    const invocationId = String(this.nextId++)
    return new Promise((resolve, reject) => {
      this.pending.set(invocationId, { resolve, reject })
      this.send({ type: 1, invocationId, target, arguments: args })
    })
  }

  close() { clearInterval(this.ping); if (!this.closed) this.ws.close() }
}

module.exports = { HubSocket }
