import { describe, expect, it } from 'vitest';
import { diffMinimal, isWellFormedUtf16, threeWayMerge } from '../src/index.js';
import { Rng } from './support/rng.js';
import { seeds, withSeed } from './support/seed.js';

/** Random edits of `text` made of unique characters (some astral) so each side's edits are recognisable. */
function edits(rng: Rng, text: string, mark: number, count: number): { text: string; inserted: string[]; deleted: string[] } {
  let chars = Array.from(text);
  const inserted: string[] = [];
  const deleted: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = rng.int(0, chars.length);
    if (chars.length > 0 && rng.chance(0.4)) {
      const removed = chars.splice(at, rng.int(1, 3));
      deleted.push(...removed);
    } else {
      const c = String.fromCodePoint(rng.chance(0.3) ? 0x20000 + mark * 0x1000 + i : 0x4e00 + mark * 0x1000 + i);
      chars.splice(at, 0, c);
      inserted.push(c);
    }
  }
  chars = chars.filter((c) => c !== undefined);
  return { text: chars.join(''), inserted, deleted };
}

describe('diffMinimal', () => {
  it('keeps the common parts and touches only what changed', () => {
    const op = diffMinimal('the quick brown fox', 'the quick red fox!');
    expect(op.apply('the quick brown fox')).toBe('the quick red fox!');
    expect(op.toJSON()).toEqual([10, -1, 1, 'ed', -3, 4, '!']); // keeps the 'r' of 'brown'
  });

  it('never splits a surrogate pair', () => {
    const op = diffMinimal('a😀b', 'a😁b');
    expect(op.toJSON()).toEqual([1, '😁', -2, 1]);
  });

  for (const seed of seeds(100, 7000)) {
    it(`turns one text into another (seed ${seed})`, () =>
      withSeed(seed, () => {
        const rng = new Rng(seed);
        const base = edits(rng, '', 0, rng.int(0, 60)).text;
        const other = edits(rng, base, 1, rng.int(0, 20)).text;
        const op = diffMinimal(base, other);
        expect(op.apply(base)).toBe(other);
        expect(op.toJSON().every((c) => typeof c !== 'string' || isWellFormedUtf16(c))).toBe(true);
      }));
  }
});

describe('threeWayMerge', () => {
  it('keeps both sides\u2019 edits', () => {
    const base = 'one two three';
    const mine = 'one 2 three four';
    const theirs = 'zero one two three';
    expect(threeWayMerge(base, mine, theirs).apply(theirs)).toBe('zero one 2 three four');
  });

  for (const seed of seeds(100, 7500)) {
    it(`keeps every character both sides inserted and drops what either deleted (seed ${seed})`, () =>
      withSeed(seed, () => {
        const rng = new Rng(seed);
        const base = edits(rng, '', 0, rng.int(0, 40)).text;
        const mine = edits(rng, base, 1, rng.int(0, 12));
        const theirs = edits(rng, base, 2, rng.int(0, 12));
        const merged = threeWayMerge(base, mine.text, theirs.text).apply(theirs.text);
        const chars = new Set(Array.from(merged));
        for (const c of [...mine.inserted, ...theirs.inserted]) {
          // An insert survives unless its own side deleted it again (the other side never saw it).
          if (!mine.deleted.includes(c) && !theirs.deleted.includes(c)) {
            expect(chars.has(c), `inserted ${c} kept`).toBe(true);
          }
        }
        for (const c of [...mine.deleted, ...theirs.deleted]) {
          if (![...mine.inserted, ...theirs.inserted].includes(c)) {
            expect(chars.has(c), `deleted ${c} gone`).toBe(false);
          }
        }
        expect(isWellFormedUtf16(merged)).toBe(true);
      }));
  }
});
