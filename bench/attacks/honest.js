'use strict'
// The honest pair: one editor typing at a steady rate with one edit in flight, and one reader of the same
// document. Records the editor's ack latency (Submit → its result) and the broadcast latency (Submit → the
// reader receives the Operation) of the edits submitted while a window is open.
const { connect, LengthTracker } = require('./lib')

class HonestPair {
  constructor({ base, editorToken, readerToken, documentId, rate }) {
    Object.assign(this, { base, editorToken, readerToken, documentId, interval: 1000 / rate })
    this.clientId = 'honest-' + process.pid
    this.seq = 0
    this.balance = 0 // characters this editor inserted and has not deleted yet
    this.sent = new Map() // seq -> { t, window }
    this.window = null
    this.errors = []
  }

  async start() {
    this.editor = await connect(this.base, this.editorToken)
    this.reader = await connect(this.base, this.readerToken)
    this.editor.on('Operation', (m) => this.tracker.onRemote(m.revision, m.operation))
    this.reader.on('Operation', (m) => {
      if (m.clientId !== this.clientId) return
      const s = this.sent.get(m.seq)
      if (s && s.window) s.window.broadcast.push(performance.now() - s.t)
      this.sent.delete(m.seq)
    })
    this.tracker = await LengthTracker.join(this.editor, this.documentId)
    await this.reader.invoke('Join', this.documentId, null)
    this.running = true
    this.loop = this.run()
  }

  async run() {
    let next = performance.now()
    while (this.running) {
      const wait = next - performance.now()
      if (wait > 0) await new Promise(r => setTimeout(r, wait))
      next = Math.max(next + this.interval, performance.now())
      const length = this.tracker.length
      // Insert one character at the start, or delete it again: the text stays as it was besides others' edits.
      const insert = this.balance === 0
      const op = insert ? (length ? ['h', length] : ['h']) : (length > 1 ? [-1, length - 1] : [-1])
      const seq = ++this.seq
      const window = this.window
      const t = performance.now()
      this.sent.set(seq, { t, window })
      try {
        const r = await this.editor.invoke('Submit', this.documentId, this.tracker.known, op, this.clientId, seq)
        if (window) { window.ack.push(performance.now() - t); window.at.push(t - window.opened) }
        this.tracker.onAck(r.revision, insert ? 1 : -1)
        this.balance += insert ? 1 : -1
      } catch (e) {
        if (this.editor.closed) { this.running = false; break }
        if (/operation_mismatch/.test(String(e.message))) {
          // This editor's idea of the length was wrong (see LengthTracker): resynchronise and count it. Not a
          // server error; the texts-equal-logs check covers the server's side.
          this.tracker = await LengthTracker.join(this.editor, this.documentId)
          this.resyncs = (this.resyncs || 0) + 1
          this.sent.delete(seq)
          continue
        }
        this.errors.push(String(e.message || e))
        if (window) window.errors++
      }
    }
  }

  /** Starts recording; returns the window, filled until stopWindow. */
  openWindow() { this.window = { ack: [], at: [], broadcast: [], errors: 0, opened: performance.now() }; return this.window }

  async closeWindow() {
    const w = this.window
    this.window = null
    await new Promise(r => setTimeout(r, 1000)) // the window's last broadcasts still count
    // An edit whose broadcast never reached the reader within a second of the window's end counts as lost.
    for (const [seq, s] of this.sent) if (s.window === w && performance.now() - s.t > 1000) { w.lost = (w.lost || 0) + 1; this.sent.delete(seq) }
    return w
  }

  async stop() {
    this.running = false
    await this.loop
    this.editor.close(); this.reader.close()
  }
}

module.exports = { HonestPair }
