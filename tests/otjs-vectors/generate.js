'use strict';
// Generates tests/CollabDocs.Ot.Tests/Interop/otjs-vectors.json: transform, compose and
// transformIndex results computed by ot.js (the npm package "ot", pinned in package.json) on seeded
// random texts and operations, BMP-only and with astral characters, plus hand-picked ties.
// ot.js counts UTF-16 code units, as CollabDocs.Ot does; every generated position is snapped to a
// surrogate-pair boundary so the operations are valid for CollabDocs.Ot too.
//
// Usage: npm ci && node generate.js   (OT_VECTOR_SEED=<int> to use another seed)

const fs = require('fs');
const path = require('path');
const ot = require('ot');
const otVersion = require('ot/package.json').version;

const TextOperation = ot.TextOperation;
const Range = ot.Selection.Range;
const SEED = Number(process.env.OT_VECTOR_SEED || 20240601);
const OUTPUT = path.join(__dirname, '..', 'CollabDocs.Ot.Tests', 'Interop', 'otjs-vectors.json');

// mulberry32: a small seeded PRNG, so the vectors are reproducible.
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(SEED);
const int = (n) => Math.floor(random() * n); // 0 .. n-1
const pick = (items) => items[int(items.length)];

const BMP = ['a', 'b', 'c', 'x', 'y', 'z', ' ', '\n', 'é', '中', '"', '\\'];
const ASTRAL = ['😀', '🎉', '𝄞', '𐐷', '🌍'];

function char(astral) {
  return astral && random() < 0.4 ? pick(ASTRAL) : pick(BMP);
}

function text(maxChars, astral) {
  let s = '';
  for (let n = int(maxChars + 1); n > 0; n--) s += char(astral);
  return s;
}

function nonEmptyText(maxChars, astral) {
  let s = char(astral);
  for (let n = int(maxChars); n > 0; n--) s += char(astral);
  return s;
}

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

function splits(s, i) {
  return i > 0 && i < s.length && isHigh(s.charCodeAt(i - 1)) && isLow(s.charCodeAt(i));
}

function advance(s, position, count) {
  const end = position + count;
  return splits(s, end) ? end + 1 : end;
}

function boundary(s) {
  const p = int(s.length + 1);
  return splits(s, p) ? p - 1 : p;
}

// ot.js's own test helper (test/helpers.js randomOperation), with pair-boundary snapping.
function randomOperation(s, astral) {
  const op = new TextOperation();
  let position = 0;
  while (position < s.length) {
    const r = random();
    if (r < 0.2) {
      op.insert(nonEmptyText(4, astral));
      continue;
    }
    const end = advance(s, position, 1 + int(Math.min(s.length - position, 6)));
    if (r < 0.45) op['delete'](end - position);
    else op.retain(end - position);
    position = end;
  }
  if (random() < 0.3) op.insert(nonEmptyText(4, astral));
  return op;
}

// retain to `start`, insert `insert`, delete to `end`, retain the rest.
function splice(s, start, end, insert) {
  return new TextOperation().retain(start).insert(insert)['delete'](end - start).retain(s.length - end);
}

function range(s) {
  const x = boundary(s);
  const y = boundary(s);
  return x <= y ? [x, y] : [y, x];
}

// Pairs of concurrent operations where ties decide the outcome.
const TIES = [
  ['insert-same-position', (s, astral) => {
    const p = boundary(s);
    return [splice(s, p, p, nonEmptyText(3, astral)), splice(s, p, p, nonEmptyText(3, astral))];
  }],
  ['insert-same-position-at-start', (s, astral) => [splice(s, 0, 0, nonEmptyText(3, astral)), splice(s, 0, 0, nonEmptyText(3, astral))]],
  ['insert-same-position-at-end', (s, astral) => [splice(s, s.length, s.length, nonEmptyText(3, astral)), splice(s, s.length, s.length, nonEmptyText(3, astral))]],
  ['insert-inside-delete', (s, astral) => {
    const [start, end] = range(s);
    const p = start + int(end - start + 1);
    const q = splits(s, p) ? p - 1 : p;
    return [splice(s, q, q, nonEmptyText(3, astral)), splice(s, start, end, '')];
  }],
  ['insert-at-delete-start', (s, astral) => {
    const [start, end] = range(s);
    return [splice(s, start, start, nonEmptyText(3, astral)), splice(s, start, end, '')];
  }],
  ['insert-at-delete-end', (s, astral) => {
    const [start, end] = range(s);
    return [splice(s, end, end, nonEmptyText(3, astral)), splice(s, start, end, '')];
  }],
  ['delete-overlap', (s) => {
    const [s1, e1] = range(s);
    const [s2, e2] = range(s);
    return [splice(s, s1, e1, ''), splice(s, s2, e2, '')];
  }],
  ['delete-same-range', (s) => {
    const [start, end] = range(s);
    return [splice(s, start, end, ''), splice(s, start, end, '')];
  }],
  ['replace-same-range', (s, astral) => {
    const [start, end] = range(s);
    return [splice(s, start, end, nonEmptyText(3, astral)), splice(s, start, end, nonEmptyText(3, astral))];
  }],
  ['replace-vs-insert-after-collapse', (s, astral) => {
    // b deletes a range and types where it was; a inserts at the end of that range.
    const [start, end] = range(s);
    return [splice(s, end, end, nonEmptyText(3, astral)), splice(s, start, end, nonEmptyText(3, astral))];
  }],
  ['identity', (s, astral) => [randomOperation(s, astral), new TextOperation().retain(s.length)]],
  ['same-operation', (s, astral) => {
    const op = randomOperation(s, astral);
    return [op, TextOperation.fromJSON(op.toJSON())];
  }],
];

function transformVector(kind, s, a, b) {
  const [aPrime, bPrime] = TextOperation.transform(a, b);
  const result = bPrime.apply(a.apply(s));
  if (aPrime.apply(b.apply(s)) !== result) throw new Error(`ot.js did not converge on ${kind}`);
  return { kind, text: s, a: a.toJSON(), b: b.toJSON(), aPrime: aPrime.toJSON(), bPrime: bPrime.toJSON(), result };
}

function composeVector(kind, s, a, b) {
  const composed = a.compose(b);
  const resultText = composed.apply(s);
  if (b.apply(a.apply(s)) !== resultText) throw new Error(`ot.js compose is wrong on ${kind}`);
  return { kind, text: s, a: a.toJSON(), b: b.toJSON(), result: composed.toJSON(), resultText };
}

const transform = [];
const compose = [];
const transformIndex = [];

for (const astral of [false, true]) {
  const kind = astral ? 'astral' : 'bmp';
  for (let i = 0; i < 150; i++) {
    const s = text(14, astral);
    transform.push(transformVector(kind, s, randomOperation(s, astral), randomOperation(s, astral)));
  }
  for (let i = 0; i < 150; i++) {
    const s = text(14, astral);
    const a = randomOperation(s, astral);
    compose.push(composeVector(kind, s, a, randomOperation(a.apply(s), astral)));
  }
  for (const [name, make] of TIES) {
    for (let i = 0; i < 8; i++) {
      const s = text(10, astral);
      const [a, b] = make(s, astral);
      transform.push(transformVector(`${name}/${kind}`, s, a, b));
      transform.push(transformVector(`${name}/${kind}/swapped`, s, b, a));
    }
  }
  for (let i = 0; i < 50; i++) {
    const s = text(12, astral);
    const op = randomOperation(s, astral);
    const indices = [];
    for (let p = 0; p <= s.length; p++) if (!splits(s, p)) indices.push(p);
    const results = indices.map((p) => new Range(p, p).transform(op).anchor);
    transformIndex.push({ kind, text: s, op: op.toJSON(), indices, results });
  }
}

// Compose cases that cut inserts and deletes at the edges.
for (const astral of [false, true]) {
  const kind = astral ? 'astral' : 'bmp';
  for (let i = 0; i < 10; i++) {
    const s = text(8, astral);
    const inserted = nonEmptyText(4, astral);
    const p = boundary(s);
    const a = splice(s, p, p, inserted);
    const after = a.apply(s);
    const [start, end] = range(after);
    compose.push(composeVector(`insert-then-delete-around/${kind}`, s, a, splice(after, start, end, '')));
    compose.push(composeVector(`insert-then-replace/${kind}`, s, a, splice(after, start, end, nonEmptyText(3, astral))));
    const [ds, de] = range(s);
    const deleted = splice(s, ds, de, '');
    compose.push(composeVector(`delete-then-insert-same-place/${kind}`, s, deleted, splice(deleted.apply(s), ds, ds, nonEmptyText(3, astral))));
  }
}

// The case where ot.js's transform against a composition differs from transforming one at a time.
transform.push(transformVector('composition-collapses-tie', 'ab', TextOperation.fromJSON([2, 'X']), TextOperation.fromJSON(['Y', -2])));

const generator = { ot: otVersion, seed: SEED, script: 'tests/otjs-vectors/generate.js' };
const lines = (items) => items.map((item) => '    ' + JSON.stringify(item)).join(',\n');
const output = '{\n'
  + `  "generator": ${JSON.stringify(generator)},\n`
  + `  "transform": [\n${lines(transform)}\n  ],\n`
  + `  "compose": [\n${lines(compose)}\n  ],\n`
  + `  "transformIndex": [\n${lines(transformIndex)}\n  ]\n`
  + '}\n';
fs.writeFileSync(OUTPUT, output);
console.log(`ot ${otVersion}, seed ${SEED}: ${transform.length} transform, ${compose.length} compose, ${transformIndex.length} transformIndex vectors -> ${path.relative(process.cwd(), OUTPUT)}`);
