import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textChecksum } from '../src/index.js';
import { World, expectConverged } from './support/simulation.js';

const DOC = 'notes';

interface Vectors {
  vectors: { text: string; checksum: number }[];
}

describe('textChecksum', () => {
  // promise: protocol.checksum-fnv1a
  it('matches tests/checksum-vectors', () => {
    const file = new URL('../../../tests/checksum-vectors/checksum-vectors.json', import.meta.url);
    const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as Vectors;
    expect(vectors.length).toBeGreaterThan(5);
    for (const { text, checksum } of vectors) {
      expect(textChecksum(text), JSON.stringify(text)).toBe(checksum);
    }
  });
});

describe('divergence detection', () => {
  async function setUp(seed: number) {
    const world = new World(seed);
    world.faults = { minLatency: 5, maxLatency: 5 };
    world.server.createDocument(DOC, 'shared text\n');
    const typist = world.addClient({ minSubmitIntervalMs: 0 });
    const victim = world.addClient({ minSubmitIntervalMs: 0 });
    await typist.open(DOC);
    await victim.open(DOC);
    const diverged: { revision: number; expected: number; actual: number }[] = [];
    victim.document.on('diverged', (e) => diverged.push(e));
    return { world, typist, victim, diverged };
  }

  it('detects a corrupted broadcast at its revision, resynchronises and converges', async () => {
    const { world, typist, victim, diverged } = await setUp(1);
    typist.append('a');
    await world.settle();
    world.server.corruptNextBroadcast = true;
    typist.append('bb');
    await world.settle();
    typist.append('c');
    await world.settle();

    expect(diverged).toHaveLength(1);
    expect(diverged[0]!.revision).toBe(2);
    expect(diverged[0]!.actual).not.toBe(diverged[0]!.expected);
    expect(victim.document.divergences).toBe(1);
    expect(typist.document.divergences).toBe(0);
    expect(victim.document.text).toBe('shared text\nabbc');
    expect(victim.discardedLocalChanges).toBe(0);
    expectConverged(world, DOC, 'shared text\n');
  });

  // promise: protocol.divergence-recovery-keeps-pending
  it('keeps the edits that are pending while it resynchronises', async () => {
    const { world, typist, victim, diverged } = await setUp(2);
    // The victim types while the corrupted operation is in flight and again when it notices.
    victim.document.on('diverged', () => victim.edit(0, 0, '>> '));
    world.server.corruptNextBroadcast = true;
    typist.append('xyz');
    victim.append('!');
    await world.settle();
    typist.append('.');
    await world.settle();

    expect(diverged).toHaveLength(1);
    expect(victim.document.divergences).toBe(1);
    expect(victim.discardedLocalChanges).toBe(0);
    const text = world.server.document(DOC).text;
    expect(text.startsWith('>> shared text\n')).toBe(true);
    expect([...text].sort().join('')).toBe([...'>> shared text\nxyz!.'].sort().join(''));
    expect(victim.document.text).toBe(text);
    expect(typist.document.text).toBe(text);
    expect(victim.problems).toEqual([]);
  });

  it('does not report a divergence when nothing was corrupted', async () => {
    const { world, typist, victim, diverged } = await setUp(3);
    for (let i = 0; i < 20; i++) {
      typist.append(String.fromCharCode(97 + i));
      victim.edit(0, 0, String.fromCharCode(65 + i));
      await world.settle();
    }
    expect(diverged).toEqual([]);
    expect(victim.document.divergences).toBe(0);
    expect(victim.document.text).toBe(typist.document.text);
  });
});
