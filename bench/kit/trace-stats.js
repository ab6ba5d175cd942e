// Usage: node bench/kit/trace-stats.js [dir]   -- prints stats for every *.json.gz sequential trace
'use strict'
const fs = require('fs'), path = require('path'), zlib = require('zlib')
const dir = process.argv[2] || process.env.TRACE_DIR || path.join(__dirname, '..', '..', 'tests', 'traces')
const files = fs.readdirSync(dir).filter(f => f.endsWith('.json.gz')).sort()
const rows = []
for (const f of files) {
  const t = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, f))))
  let patches = 0, ins = 0, del = 0, insChars = 0, delChars = 0, astral = 0, nonAscii = 0, maxLen = 0
  // Verify by replaying with code-point arrays (positions are in code points)
  let doc = [...t.startContent]
  for (const txn of t.txns) for (const [pos, d, s] of txn.patches) {
    patches++
    if (d) { del++; delChars += d }
    const cps = [...s]
    if (cps.length) { ins++; insChars += cps.length }
    for (const c of cps) { const cp = c.codePointAt(0); if (cp > 127) nonAscii++; if (cp > 0xffff) astral++ }
    doc.splice(pos, d, ...cps)
    if (doc.length > maxLen) maxLen = doc.length
  }
  const end = doc.join('')
  rows.push({ file: f, txns: t.txns.length, patches, inserts: ins, deletes: del, insChars, delChars,
    endLenCodepoints: [...t.endContent].length, endLenUtf16: t.endContent.length, maxLen,
    nonAsciiInserted: nonAscii, astral, ok: end === t.endContent, startEmpty: t.startContent === '' })
}
console.table(rows)
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 1))
