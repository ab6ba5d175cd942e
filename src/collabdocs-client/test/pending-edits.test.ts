import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbPendingEditsStore, MemoryPendingEditsStore, type PendingEdits, type PendingEditsStore } from '../src/index.js';
import { seeds, withSeed } from './support/seed.js';
import { World, expectConverged } from './support/simulation.js';

const DOC = 'notes';

function record(clientId: string, seq = 1): PendingEdits {
  return {
    documentId: DOC,
    clientId,
    baseRevision: 0,
    baseText: '',
    outstanding: { clientId, seq, operation: ['x'] },
    buffer: null,
    updatedAt: 1,
  };
}

/** A durable store whose writes finish only when the test says so. */
class SlowStore implements PendingEditsStore {
  readonly durable = true;
  readonly inner = new MemoryPendingEditsStore();
  readonly waiting: (() => void)[] = [];
  register(clientId: string): () => void {
    return this.inner.register(clientId);
  }
  claim(documentId: string, claimant: string): PendingEdits[] {
    return this.inner.claim(documentId, claimant);
  }
  save(r: PendingEdits, replaces?: readonly string[]): Promise<void> {
    return new Promise((resolve) => this.waiting.push(() => resolve(this.inner.save(r, replaces))));
  }
  remove(documentId: string, clientIds: readonly string[]): Promise<void> {
    return new Promise((resolve) => this.waiting.push(() => resolve(this.inner.remove(documentId, clientIds))));
  }
  finishWrites(): void {
    for (const finish of this.waiting.splice(0)) finish();
  }
}

/**
 * A page's view of a durable store that keeps the writes it was given, like IndexedDB: a write the
 * page issued lands even if the page goes away before it finished, a write it never issued does not.
 */
class UnloadingStore extends SlowStore {
  private _gone = false;
  /** The page unloads: it issues nothing any more; what it issued still completes. */
  unload(): void {
    this._gone = true;
  }
  override save(r: PendingEdits, replaces?: readonly string[]): Promise<void> {
    return this._gone ? new Promise(() => undefined) : super.save(r, replaces);
  }
  override remove(documentId: string, clientIds: readonly string[]): Promise<void> {
    return this._gone ? new Promise(() => undefined) : super.remove(documentId, clientIds);
  }
}

describe('pending edits: restore and resubmit', () => {
  it('stores unacknowledged edits and removes them once acknowledged', async () => {
    const world = new World(31);
    world.server.createDocument(DOC, 'abc');
    const store = new MemoryPendingEditsStore();
    const a = world.addClient({ pendingStore: store });
    await a.open(DOC);
    a.connection.offline = true;
    a.connection.drop();
    a.edit(3, 3, '!');
    a.edit(4, 4, '?');
    const [stored] = store.records();
    expect(stored).toMatchObject({ documentId: DOC, clientId: a.client.clientId, baseRevision: 0, baseText: 'abc' });
    expect(stored?.outstanding).toEqual({ clientId: a.client.clientId, seq: 1, operation: [3, '!'] });
    expect(stored?.buffer).toEqual([4, '?']);
    a.connection.offline = false;
    await world.settle();
    expect(store.records()).toEqual([]);
    expectConverged(world, DOC, 'abc');
  });

  // promise: protocol.reference-client-survives-reload
  it('restores edits a closed page left and submits each exactly once, even when the first attempt was committed', async () => {
    const world = new World(32);
    world.server.createDocument(DOC, 'abc');
    const store = new MemoryPendingEditsStore();
    const a = world.addClient({ pendingStore: store });
    const b = world.addClient();
    await a.open(DOC);
    await b.open(DOC);
    // a's Submit reaches the server, its result is lost, and the page closes before a rejoin.
    a.connection.dropAfterNextInvoke = { reachesServer: true };
    a.edit(3, 3, '!');
    a.edit(4, 4, '?');
    await a.crash();
    b.edit(0, 0, '>');
    await world.settle();
    const reopened = world.addClient({ pendingStore: store });
    await reopened.open(DOC);
    expect(reopened.document.restoredEdits).toBe(true);
    await world.settle();
    expect(world.server.document(DOC).text).toBe('>abc!?');
    expect(world.server.stats.duplicateSubmits).toBeGreaterThan(0); // the resend was answered, not applied
    expect(store.records()).toEqual([]);
    expectConverged(world, DOC, 'abc');
  });

  it('resubmits a restored edit that never reached the server, once', async () => {
    const world = new World(33);
    world.server.createDocument(DOC, '');
    const store = new MemoryPendingEditsStore();
    const a = world.addClient({ pendingStore: store });
    await a.open(DOC);
    a.connection.offline = true;
    a.connection.drop();
    a.edit(0, 0, 'offline');
    await a.crash();
    const reopened = world.addClient({ pendingStore: store });
    await reopened.open(DOC);
    expect(reopened.document.text).toBe('offline');
    await world.settle();
    const history = world.server.document(DOC).history;
    expect(history.map((c) => [c.clientId, c.seq])).toEqual([[a.client.clientId, 1]]);
    expectConverged(world, DOC, '');
  });

  for (const seed of seeds(25, 9100)) {
    it(`loses and doubles nothing across random page reloads and history compactions under faults (seed ${seed})`, () =>
      withSeed(seed, async () => {
        const world = new World(seed);
        world.server.createDocument(DOC, '');
        world.faults = { minLatency: 1, maxLatency: 30, dropOnInvoke: 0.03, processLostCalls: 0.5, duplicateBroadcast: 0.05 };
        const store = new MemoryPendingEditsStore();
        let a = world.addClient({ pendingStore: store });
        const b = world.addClient();
        await a.open(DOC);
        await b.open(DOC);
        for (let round = 0; round < 12; round++) {
          for (let i = world.rng.int(1, 6); i > 0; i--) {
            a.randomEdit(world.rng);
            if (world.rng.chance(0.5)) b.randomEdit(world.rng);
            await world.clock.advance(world.rng.int(0, 40));
          }
          if (world.rng.chance(0.15)) {
            world.server.compact(DOC);
          }
          // At most six reloads: the simulation's unique characters need client indexes below 9.
          if (world.clients.length < 8 && world.rng.chance(0.4)) {
            await a.crash();
            a = world.addClient({ pendingStore: store });
            await a.open(DOC);
          }
        }
        world.faults = {};
        await world.settle();
        expectConverged(world, DOC, '');
        expect(store.records()).toEqual([]);
      }));
  }
});

describe('pending edits: one store, several clients', () => {
  it('never gives a live client\u2019s record to another, and gives a gone client\u2019s to one claimant only', () => {
    const store = new MemoryPendingEditsStore();
    const releaseA = store.register('a');
    store.register('b');
    store.register('c');
    store.save(record('a'));
    expect(store.claim(DOC, 'b')).toEqual([]);
    releaseA();
    expect(store.claim(DOC, 'b').map((r) => r.clientId)).toEqual(['a']);
    expect(store.claim(DOC, 'c')).toEqual([]);
  });

  it('two tabs on one document keep their own edits; a closed tab\u2019s edits go to the tab opened after it', async () => {
    const world = new World(34);
    world.server.createDocument(DOC, '');
    const store = new MemoryPendingEditsStore();
    const a = world.addClient({ pendingStore: store });
    await a.open(DOC);
    a.connection.offline = true;
    a.connection.drop();
    a.edit(0, 0, 'A');
    const b = world.addClient({ pendingStore: store });
    await b.open(DOC);
    expect(b.document.restoredEdits).toBe(false);
    expect(b.document.text).toBe('');
    b.edit(0, 0, 'B');
    await a.crash();
    const c = world.addClient({ pendingStore: store });
    await c.open(DOC);
    expect(c.document.restoredEdits).toBe(true);
    await world.settle();
    expect([...world.server.document(DOC).text].sort().join('')).toBe('AB');
    expectConverged(world, DOC, '');
  });

  it('IndexedDB: the same rules through a real IndexedDB implementation', async () => {
    const factory = new IDBFactory();
    const tab1 = new IndexedDbPendingEditsStore({ indexedDB: factory, locks: null });
    const release = tab1.register('a');
    await tab1.save(record('a', 3));
    expect(await tab1.claim(DOC, 'b')).toEqual([]);
    release();
    const claimed = await tab1.claim(DOC, 'b');
    expect(claimed).toEqual([record('a', 3)]);
    tab1.register('b');
    tab1.register('c');
    expect(await tab1.claim(DOC, 'c')).toEqual([]);
    await tab1.save(record('b', 1), ['a']);
    const reloaded = new IndexedDbPendingEditsStore({ indexedDB: factory, locks: null });
    expect((await reloaded.claim(DOC, 'b')).map((r) => r.clientId)).toEqual(['b']);
    await reloaded.remove(DOC, ['b']);
    expect(await reloaded.claim(DOC, 'b')).toEqual([]);
  });

  it('IndexedDB: writes made one after another without waiting land in call order, before and after the database is open', async () => {
    const factory = new IDBFactory();
    const tab = new IndexedDbPendingEditsStore({ indexedDB: factory, locks: null });
    tab.register('a');
    const writes: Promise<void>[] = [];
    for (let seq = 1; seq <= 5; seq++) {
      writes.push(tab.save(record('a', seq)));
    }
    writes.push(tab.remove(DOC, ['a']));
    await writes[0];
    for (let seq = 6; seq <= 10; seq++) {
      writes.push(tab.save(record('a', seq)));
    }
    await Promise.all(writes);
    const reloaded = new IndexedDbPendingEditsStore({ indexedDB: factory, locks: null });
    expect(await reloaded.claim(DOC, 'b')).toEqual([record('a', 10)]);
  });
});

describe('pending edits: stored before sent, hasUnsavedEdits', () => {
  it('sends an operation only after the store has it, and reports unsaved edits until then', async () => {
    const world = new World(35);
    world.server.createDocument(DOC, '');
    const store = new SlowStore();
    const a = world.addClient({ pendingStore: store });
    await a.open(DOC);
    world.faults = { minLatency: 50, maxLatency: 50 };
    a.edit(0, 0, 'x');
    await world.clock.advance(200);
    expect(a.connection.calls.filter((c) => c.method === 'Submit')).toHaveLength(0);
    expect(a.document.hasUnsavedEdits).toBe(true);
    store.finishWrites();
    await world.clock.advance(0);
    expect(a.connection.calls.filter((c) => c.method === 'Submit')).toHaveLength(1);
    expect(a.document.hasUnsavedEdits).toBe(false);
    expect(a.document.hasPendingChanges).toBe(true);
    await world.clock.advance(200);
    expect(a.document.hasPendingChanges).toBe(false);
    store.finishWrites();
    await world.settle();
    expect(store.inner.records()).toEqual([]);
    expectConverged(world, DOC, '');
  });

  it('hands every edit to the store at once, even while an earlier write is in progress: a reload then keeps them all', async () => {
    const world = new World(40);
    world.server.createDocument(DOC, '');
    const page = new UnloadingStore();
    const a = world.addClient({ pendingStore: page });
    await a.open(DOC);
    a.append('a');
    // The first write is slow (IndexedDB busy); the user types on.
    a.append('b');
    a.append('c');
    // The page reloads: what it had issued is written, nothing more.
    page.unload();
    page.finishWrites();
    await a.crash();
    const reopened = world.addClient({ pendingStore: page.inner });
    await reopened.open(DOC);
    expect(reopened.document.restoredEdits).toBe(true);
    expect(reopened.document.text).toBe('abc');
    await world.settle();
    expect(world.server.document(DOC).text).toBe('abc');
    expect(page.inner.records()).toEqual([]);
  });

  it('counts edits kept only in memory as unsaved', async () => {
    const world = new World(36);
    world.server.createDocument(DOC, '');
    const a = world.addClient();
    await a.open(DOC);
    a.connection.offline = true;
    a.connection.drop();
    a.edit(0, 0, 'x');
    expect(a.document.hasUnsavedEdits).toBe(true);
    a.connection.offline = false;
    await world.settle();
    expect(a.document.hasUnsavedEdits).toBe(false);
  });
});

describe('pending edits: rebase when history is gone', () => {
  for (const committedBefore of [false, true]) {
    it(`merges offline edits onto the current text by a three-way merge, keeping both sides (${committedBefore ? 'first attempt committed' : 'never committed'})`, async () => {
      const world = new World(committedBefore ? 37 : 38);
      world.server.createDocument(DOC, 'one two three');
      const store = new MemoryPendingEditsStore();
      const a = world.addClient({ pendingStore: store });
      const b = world.addClient();
      await a.open(DOC);
      await b.open(DOC);
      const rebased: { revision: number; baseRevision: number }[] = [];
      if (committedBefore) {
        a.connection.dropAfterNextInvoke = { reachesServer: true };
        a.edit(3, 4, '_');
      }
      a.connection.offline = true;
      a.connection.drop();
      a.edit(a.document.text.length, a.document.text.length, ' four');
      a.edit(0, 0, '[');
      for (let i = 0; i < 5; i++) {
        b.edit(b.document.text.indexOf('two'), b.document.text.indexOf('two'), `${i}`);
        await world.clock.drive(b.document.whenSynchronized());
      }
      world.server.compact(DOC);
      a.document.on('rebased', (e) => rebased.push(e));
      a.connection.offline = false;
      await world.settle();
      const text = world.server.document(DOC).text;
      expect(text).toBe(committedBefore ? '[one_01234two three four' : '[one 01234two three four');
      expect(rebased).toHaveLength(1);
      expect(rebased[0]?.baseRevision).toBe(committedBefore ? 0 : 0);
      expect(a.document.text).toBe(text);
      expect(b.document.text).toBe(text);
      expect(a.editorText).toBe(text);
      expect(a.discardedLocalChanges).toBe(0);
      expect(store.records()).toEqual([]);
    });
  }

  // promise: protocol.reference-client-survives-reload
  it('rebases restored edits of a closed page when the server compacted meanwhile', async () => {
    const world = new World(39);
    world.server.createDocument(DOC, 'abc');
    const store = new MemoryPendingEditsStore();
    const a = world.addClient({ pendingStore: store });
    const b = world.addClient();
    await a.open(DOC);
    await b.open(DOC);
    a.connection.offline = true;
    a.connection.drop();
    a.edit(3, 3, 'Z');
    await a.crash();
    b.edit(0, 0, 'Y');
    await world.clock.drive(b.document.whenSynchronized());
    world.server.compact(DOC);
    const reopened = world.addClient({ pendingStore: store });
    await reopened.open(DOC);
    await world.settle();
    expect(world.server.document(DOC).text).toBe('YabcZ');
    expectConverged(world, DOC, 'abc');
  });
});
