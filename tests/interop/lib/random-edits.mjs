// Seeded random edits with astral characters (surrogate pairs) that never split one: the same pieces as
// the .NET client's tests (tests/CollabDocs.Client.Tests/Infrastructure/AstralEdits.cs).
const pieces = ['a', 'b', 'z', ' ', '\n', 'é', '😀', '𝄞', '🦀', '中'];

/** mulberry32: a small seeded generator; `next()` is in [0, 1). */
export function rng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}

function boundary(text, index) {
  const low = text.charCodeAt(index);
  const high = text.charCodeAt(index - 1);
  return index > 0 && index < text.length && low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? index - 1 : index;
}

/** One splice at code-point boundaries: `{ position, deleteCount, insert }` on `text`. */
export function randomSplice(random, text) {
  const position = boundary(text, random.int(text.length + 1));
  const maxDelete = Math.min(text.length - position, text.length > 200 ? 12 : 4);
  const end = boundary(text, position + random.int(maxDelete + 1));
  let insert = '';
  for (let i = random.int(4); i > 0; i--) {
    insert += pieces[random.int(pieces.length)];
  }
  return { position, deleteCount: end - position, insert };
}

/** The splice as an ot.js JSON operation on a text of `length` UTF-16 code units. */
export function spliceJson(length, { position, deleteCount, insert }) {
  const ops = [];
  if (position > 0) ops.push(position);
  if (insert !== '') ops.push(insert);
  if (deleteCount > 0) ops.push(-deleteCount);
  const rest = length - position - deleteCount;
  if (rest > 0) ops.push(rest);
  return ops;
}
