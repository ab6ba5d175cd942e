import { TextOperation } from '../../src/index.js';
import type { Rng } from './rng.js';

const alphabet = 'abcdefghijklmnopqrstuvwxyz \n';
const astral = ['😀', '🎉', '👍🏽', '𝄞', '🇩🇪'];

/** A random string of about `length` UTF-16 units, with some surrogate pairs. */
export function randomString(rng: Rng, length: number): string {
  let s = '';
  while (s.length < length) {
    s += rng.chance(0.1) ? rng.pick(astral) : alphabet[rng.int(0, alphabet.length - 1)];
  }
  return s;
}

/** A random operation on `text` in the style of ot.js's tests. Never splits a surrogate pair when `safe`. */
export function randomOperation(rng: Rng, text: string, safe = true): TextOperation {
  const operation = new TextOperation();
  for (;;) {
    const left = text.length - operation.baseLength;
    if (left === 0) {
      break;
    }
    let length = 1 + rng.int(0, Math.min(left - 1, 20));
    const at = operation.baseLength;
    if (safe) {
      const end = at + length;
      if (end < text.length && isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) {
        length++;
      }
    }
    const r = rng.next();
    if (r < 0.2) {
      operation.insert(randomString(rng, length));
    } else if (r < 0.4) {
      operation.delete(length);
    } else {
      operation.retain(length);
    }
  }
  if (rng.chance(0.3)) {
    operation.insert(randomString(rng, 1 + rng.int(0, 9)));
  }
  return operation;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
