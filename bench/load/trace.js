'use strict'
// Trace loading + patch <-> op helpers shared by the engine bench and the load generator.
const fs = require('fs'), path = require('path'), zlib = require('zlib')

// The repository's copy of josephg/editing-traces (tests/traces/README.md).
const TRACE_DIR = process.env.TRACE_DIR || path.join(__dirname, '..', '..', 'tests', 'traces')

function resolveTrace(name) {
  if (fs.existsSync(name)) return name
  for (const cand of [name, name + '.json.gz']) {
    const p = path.join(TRACE_DIR, cand)
    if (fs.existsSync(p)) return p
  }
  throw new Error('trace not found: ' + name)
}

/** Returns {startContent, endContent, patches: [[pos, del, ins], ...]} (txns flattened, in order). */
function loadTrace(name = 'automerge-paper') {
  const file = resolveTrace(name)
  const t = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)))
  const patches = []
  for (const txn of t.txns) for (const p of txn.patches) patches.push(p)
  return { file, startContent: t.startContent, endContent: t.endContent, patches }
}

/** [pos, del, ins] -> ot-text-unicode op ([skip, {d:n}, 'ins']), positions in code points. */
function patchToTextOp([pos, del, ins]) {
  const op = []
  if (pos > 0) op.push(pos)
  if (del > 0) op.push({ d: del })
  if (ins.length > 0) op.push(ins)
  return op
}

/** Clamp a trace patch so it fits a document of `len` characters (used when a
 *  client replays only a share of the trace on a doc that others also edit). */
function clampPatch([pos, del, ins], len) {
  const p = Math.min(pos, len)
  const d = Math.min(del, len - p)
  return [p, d, ins]
}

module.exports = { loadTrace, patchToTextOp, clampPatch, TRACE_DIR }
