import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TextOperation, transformRanges, type OperationComponent } from '../src/index.js';
import { randomOperation, randomString } from './support/random-operation.js';
import { Rng } from './support/rng.js';
import { seeds, withSeed } from './support/seed.js';

interface OtOperation {
  ops: OperationComponent[];
  baseLength: number;
  targetLength: number;
  apply(text: string): string;
  compose(other: OtOperation): OtOperation;
  invert(text: string): OtOperation;
  toJSON(): OperationComponent[];
}
interface OtModule {
  TextOperation: {
    fromJSON(json: OperationComponent[]): OtOperation;
    transform(a: OtOperation, b: OtOperation): [OtOperation, OtOperation];
  };
  Selection: {
    Range: new (anchor: number, head: number) => { transform(op: OtOperation): { anchor: number; head: number } };
  };
}

/** The original ot.js 0.0.15, as the reference implementation. */
const ot = createRequire(import.meta.url)('ot') as OtModule;

const op = (...components: OperationComponent[]): TextOperation => TextOperation.fromJSON(components);

describe('TextOperation builder', () => {
  it('merges neighbours and skips empty components', () => {
    const o = new TextOperation().retain(2).retain(3).retain(0).insert('a').insert('').insert('b').delete(1).delete(-2).delete('');
    expect(o.toJSON()).toEqual([5, 'ab', -3]);
    expect(o.baseLength).toBe(8);
    expect(o.targetLength).toBe(7);
  });

  it('puts an insert before an adjacent delete, so equal effects are equal operations', () => {
    const a = new TextOperation().retain(1).delete(2).insert('x');
    const b = new TextOperation().retain(1).insert('x').delete(2);
    expect(a.toJSON()).toEqual([1, 'x', -2]);
    expect(a.equals(b)).toBe(true);
    expect(new TextOperation().insert('a').delete(1).insert('b').toJSON()).toEqual(['ab', -1]);
  });

  it('rejects non-integer counts', () => {
    expect(() => new TextOperation().retain(1.5)).toThrow(/non-negative integer/);
    expect(() => new TextOperation().retain(-1)).toThrow(/non-negative integer/);
    expect(() => new TextOperation().delete(0.5)).toThrow(/integer/);
  });

  it('reports no-ops', () => {
    expect(new TextOperation().isNoop()).toBe(true);
    expect(TextOperation.identity(4).isNoop()).toBe(true);
    expect(op(2, 'x', 2).isNoop()).toBe(false);
  });

  it('prints like ot.js', () => {
    expect(op(5, 'hi', -3, 7).toString()).toBe("retain 5, insert 'hi', delete 3, retain 7");
  });
});

describe('TextOperation JSON', () => {
  it('round-trips the protocol example', () => {
    const o = op(5, 'hi', -3, 7);
    expect(JSON.stringify(o)).toBe('[5,"hi",-3,7]');
    expect(o.apply('0123456789abcde')).toBe('01234hi89abcde');
  });

  it.each([
    ['zero', [0]],
    ['float', [1.5]],
    ['null', [null]],
    ['object', [{ retain: 1 }]],
    ['nested array', [[1]]],
    ['empty string', ['']],
    ['lone high surrogate', ['\ud83d']],
    ['lone low surrogate', ['a\ude00']],
    ['boolean', [true]],
  ])('rejects %s', (_name, json) => {
    expect(() => TextOperation.fromJSON(json)).toThrow(/Malformed/);
  });

  it('rejects a non-array', () => {
    expect(() => TextOperation.fromJSON({ ops: [] })).toThrow(/array/);
  });
});

describe('TextOperation apply, compose, transform', () => {
  it('applies with UTF-16 positions (an emoji is two units)', () => {
    const text = 'a😀b';
    expect(text.length).toBe(4);
    expect(op(3, 'c', 1).apply(text)).toBe('a😀cb');
    expect(op(1, -2, 1).apply(text)).toBe('ab');
  });

  it('checks lengths with a precise message', () => {
    expect(() => op(3).apply('ab')).toThrow(/base length \(3\).*text's length \(2\)/);
    expect(() => op(3).compose(op(4))).toThrow(/target length \(3\).*base length \(4\)/);
    expect(() => TextOperation.transform(op(3), op(4))).toThrow(/same base length/);
  });

  it('composes like applying one after the other', () => {
    const a = op(3, 'xy', -1);
    const b = op(1, -2, 'z', 2);
    expect(a.compose(b).apply('abcd')).toBe(b.apply(a.apply('abcd')));
    expect(a.compose(b).toJSON()).toEqual([1, 'zxy', -3]);
  });

  it('transform: the first argument wins ties at the same position', () => {
    const a = op(1, 'A', 1);
    const b = op(1, 'B', 1);
    const [aPrime, bPrime] = TextOperation.transform(a, b);
    expect(bPrime.apply(a.apply('xy'))).toBe('xABy');
    expect(aPrime.apply(b.apply('xy'))).toBe('xABy');
  });

  it('transform: concurrent deletes of the same text delete it once', () => {
    const a = op(1, -2, 1);
    const b = op(2, -2);
    const [aPrime, bPrime] = TextOperation.transform(a, b);
    expect(bPrime.apply(a.apply('abcd'))).toBe('a');
    expect(aPrime.apply(b.apply('abcd'))).toBe('a');
  });

  it('transformIndex moves positions past inserts at them and into deletions', () => {
    const o = op(2, 'xx', -3, 1);
    expect(o.transformIndex(0)).toBe(0);
    expect(o.transformIndex(2)).toBe(4);
    expect(o.transformIndex(3)).toBe(4);
    expect(o.transformIndex(5)).toBe(4);
    expect(o.transformIndex(6)).toBe(5);
    expect(() => o.transformIndex(7)).toThrow(/outside/);
  });

  it('splice builds a single edit', () => {
    expect(TextOperation.splice(5, 1, 3, 'XY').toJSON()).toEqual([1, 'XY', -2, 2]);
    expect(() => TextOperation.splice(5, 4, 6, '')).toThrow(/does not fit/);
  });

  it('invert undoes', () => {
    const text = 'hello 😀 world';
    const o = op(6, -2, 'there', 6);
    expect(o.invert(text).apply(o.apply(text))).toBe(text);
  });
});

describe('TextOperation against ot.js 0.0.15 (seeded random operations)', () => {
  for (const seed of seeds(60, 1000)) {
    it(`seed ${seed}`, () =>
      withSeed(seed, () => {
        const rng = new Rng(seed);
        for (let round = 0; round < 20; round++) {
          const text = randomString(rng, rng.int(0, 60));
          const a = randomOperation(rng, text);
          const b = randomOperation(rng, text);
          const otA = ot.TextOperation.fromJSON(a.toJSON());
          const otB = ot.TextOperation.fromJSON(b.toJSON());
          expect(a.toJSON()).toEqual(otA.toJSON());
          expect(a.apply(text)).toBe(otA.apply(text));
          expect(a.invert(text).toJSON()).toEqual(otA.invert(text).toJSON());

          const [aPrime, bPrime] = TextOperation.transform(a, b);
          const [otAPrime, otBPrime] = ot.TextOperation.transform(otA, otB);
          expect(aPrime.toJSON()).toEqual(otAPrime.toJSON());
          expect(bPrime.toJSON()).toEqual(otBPrime.toJSON());
          expect(bPrime.apply(a.apply(text))).toBe(aPrime.apply(b.apply(text)));

          const afterA = a.apply(text);
          const c = randomOperation(rng, afterA);
          expect(a.compose(c).toJSON()).toEqual(otA.compose(ot.TextOperation.fromJSON(c.toJSON())).toJSON());
          expect(a.compose(c).apply(text)).toBe(c.apply(afterA));

          const anchor = rng.int(0, text.length);
          const head = rng.int(0, text.length);
          const expected = new ot.Selection.Range(anchor, head).transform(otA);
          expect(transformRanges([{ anchor, head }], a)).toEqual([{ anchor: expected.anchor, head: expected.head }]);
        }
      }));
  }
});

interface TransformVector {
  kind: string;
  text: string;
  a: unknown;
  b: unknown;
  aPrime: OperationComponent[];
  bPrime: OperationComponent[];
  result: string;
}
interface ComposeVector {
  kind: string;
  text: string;
  a: unknown;
  b: unknown;
  result: OperationComponent[];
  resultText: string;
}
interface TransformIndexVector {
  kind: string;
  text: string;
  op: unknown;
  indices: number[];
  results: number[];
}
interface Vectors {
  transform: TransformVector[];
  compose: ComposeVector[];
  transformIndex: TransformIndexVector[];
}

/** Vectors computed by ot.js itself (tests/otjs-vectors/generate.js), shared with the C# engine's tests. */
const vectorsPath = fileURLToPath(new URL('../../../tests/CollabDocs.Ot.Tests/Interop/otjs-vectors.json', import.meta.url));
const vectors: Vectors | null = existsSync(vectorsPath) ? (JSON.parse(readFileSync(vectorsPath, 'utf8')) as Vectors) : null;

describe.skipIf(vectors === null)('TextOperation against otjs-vectors.json', () => {
  const v = vectors ?? { transform: [], compose: [], transformIndex: [] };

  it(`transform: ${v.transform.length} vectors, ties and astral text included`, () => {
    for (const [i, t] of v.transform.entries()) {
      const a = TextOperation.fromJSON(t.a);
      const b = TextOperation.fromJSON(t.b);
      const [aPrime, bPrime] = TextOperation.transform(a, b);
      expect(aPrime.toJSON(), `transform #${i} (${t.kind}) a'`).toEqual(t.aPrime);
      expect(bPrime.toJSON(), `transform #${i} (${t.kind}) b'`).toEqual(t.bPrime);
      expect(bPrime.apply(a.apply(t.text)), `transform #${i} (${t.kind}) result`).toBe(t.result);
      expect(aPrime.apply(b.apply(t.text)), `transform #${i} (${t.kind}) converges`).toBe(t.result);
    }
  });

  it(`compose: ${v.compose.length} vectors`, () => {
    for (const [i, c] of v.compose.entries()) {
      const composed = TextOperation.fromJSON(c.a).compose(TextOperation.fromJSON(c.b));
      expect(composed.toJSON(), `compose #${i} (${c.kind})`).toEqual(c.result);
      expect(composed.apply(c.text), `compose #${i} (${c.kind}) text`).toBe(c.resultText);
    }
  });

  it(`transformIndex: ${v.transformIndex.length} vectors`, () => {
    for (const [i, t] of v.transformIndex.entries()) {
      const operation = TextOperation.fromJSON(t.op);
      expect(t.indices.map((index) => operation.transformIndex(index)), `transformIndex #${i} (${t.kind})`).toEqual(t.results);
    }
  });
});
