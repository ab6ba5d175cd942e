import { TextOperation, splitsSurrogatePair } from './text-operation.js';

/**
 * The operation turning `from` into `to` with one replaced span (common prefix and suffix kept),
 * never splitting a surrogate pair.
 */
export function diff(from: string, to: string): TextOperation {
  let prefix = 0;
  const max = Math.min(from.length, to.length);
  while (prefix < max && from.charCodeAt(prefix) === to.charCodeAt(prefix)) {
    prefix++;
  }
  if (splitsSurrogatePair(from, prefix) || splitsSurrogatePair(to, prefix)) {
    prefix--;
  }
  let suffix = 0;
  while (
    suffix < max - prefix &&
    from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (splitsSurrogatePair(from, from.length - suffix) || splitsSurrogatePair(to, to.length - suffix)) {
    suffix--;
  }
  return new TextOperation()
    .retain(prefix)
    .delete(from.length - prefix - suffix)
    .insert(to.slice(prefix, to.length - suffix))
    .retain(suffix);
}

/** Beyond this many differences `diffMinimal` gives up on minimality and replaces one span (`diff`). */
const maxEditDistance = 2000;

/**
 * The operation turning `from` into `to` with as few inserted and deleted characters as possible (Myers'
 * O(ND) difference on code points, so surrogate pairs stay whole). Falls back to `diff` when the texts
 * differ in more than 2,000 places.
 */
export function diffMinimal(from: string, to: string): TextOperation {
  const a = Array.from(from);
  const b = Array.from(to);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) {
    prefix++;
  }
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) {
    suffix++;
  }
  const script = editScript(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  if (script === null) {
    return diff(from, to);
  }
  const operation = new TextOperation().retain(utf16Length(a.slice(0, prefix)));
  for (const [kind, text] of script) {
    if (kind === '=') {
      operation.retain(text.length);
    } else if (kind === '-') {
      operation.delete(text.length);
    } else {
      operation.insert(text);
    }
  }
  return operation.retain(utf16Length(a.slice(a.length - suffix)));
}

/**
 * Three-way merge: the operation that applies the changes from `base` to `mine` on top of `theirs`
 * (the changes from `base` to `theirs`), keeping both sides' edits; at the same place, mine go first.
 */
export function threeWayMerge(base: string, mine: string, theirs: string): TextOperation {
  const [minePrime] = TextOperation.transform(diffMinimal(base, mine), diffMinimal(base, theirs));
  return minePrime;
}

function utf16Length(codePoints: readonly string[]): number {
  let length = 0;
  for (const c of codePoints) {
    length += c.length;
  }
  return length;
}

type Edit = ['=' | '-' | '+', string];

/** Myers' shortest edit script from `a` to `b`, as runs; null past `maxEditDistance`. */
function editScript(a: readonly string[], b: readonly string[]): Edit[] | null {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, maxEditDistance);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        return backtrack(a, b, trace, d);
      }
    }
  }
  return null;
}

function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[], distance: number): Edit[] {
  const reversed: Edit[] = [];
  const push = (kind: Edit[0], text: string): void => {
    const last = reversed[reversed.length - 1];
    if (last !== undefined && last[0] === kind) {
      last[1] = text + last[1];
    } else {
      reversed.push([kind, text]);
    }
  };
  let x = a.length;
  let y = b.length;
  for (let d = distance; d > 0; d--) {
    const previous = trace[d]!;
    const at = (k: number): number => previous[k + d + 1]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      push('=', a[--x]!);
      y--;
    }
    if (x === previousX) {
      push('+', b[--y]!);
    } else {
      push('-', a[--x]!);
    }
  }
  while (x > 0 && y > 0) {
    push('=', a[--x]!);
    y--;
  }
  return reversed.reverse();
}
