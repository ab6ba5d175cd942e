import { afterAll, describe, expect, it } from 'vitest';
import { CollabError, TextOperation, diff, isWellFormedUtf16, parseHubErrorCode } from '../src/index.js';
import { seeds, withSeed } from './support/seed.js';
import { World, expectConverged, expectPresenceConverged } from './support/simulation.js';

const DOC = 'notes';

async function twoClients(seed = 1, initial = 'hello') {
  const world = new World(seed);
  world.server.createDocument(DOC, initial);
  const a = world.addClient();
  const b = world.addClient();
  await a.open(DOC);
  await b.open(DOC);
  return { world, a, b };
}

describe('CollabClient against the fake hub: scenarios', () => {
  it('opens a document with its text and revision', async () => {
    const world = new World(1);
    world.server.createDocument(DOC, 'hello 😀');
    const a = world.addClient();
    const doc = await a.open(DOC);
    expect(doc.text).toBe('hello 😀');
    expect(doc.revision).toBe(0);
    expect(doc.state).toBe('synchronized');
    expect(doc.status).toBe('live');
    expect(a.client.connectionState).toBe('connected');
  });

  it('rejects open with document_not_found', async () => {
    const world = new World(1);
    const a = world.addClient();
    const error = await world.clock.drive(a.client.open('missing')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollabError);
    expect((error as CollabError).code).toBe('document_not_found');
  });

  it('walks Synchronized → AwaitingConfirm → AwaitingWithBuffer → Synchronized, one op in flight', async () => {
    const world = new World(2);
    world.faults = { minLatency: 5, maxLatency: 5 };
    world.server.createDocument(DOC, '');
    const a = world.addClient({ minSubmitIntervalMs: 0 });
    const doc = await a.open(DOC);
    const states: string[] = [];
    doc.on('state', (s) => states.push(s));
    doc.replace(0, 0, 'a');
    doc.replace(1, 1, 'b');
    doc.replace(2, 2, 'c');
    expect(doc.state).toBe('awaitingWithBuffer');
    await world.settle();
    expect(states).toEqual(['awaitingConfirm', 'awaitingWithBuffer', 'awaitingConfirm', 'synchronized']);
    const submits = a.connection.calls.filter((c) => c.method === 'Submit');
    expect(submits.map((c) => [c.args[1], c.args[2], c.args[4]])).toEqual([
      [0, ['a'], 1],
      [1, [1, 'bc'], 2],
    ]);
    expect(world.server.document(DOC).text).toBe('abc');
  });

  it('converges on concurrent inserts at the same place (the later committed, incoming one goes first)', async () => {
    const { world, a, b } = await twoClients(3, 'xy');
    a.edit(1, 1, 'A'); // committed first
    b.edit(1, 1, 'B'); // transformed against A on the server, wins the tie
    await world.settle();
    expect(world.server.document(DOC).text).toBe('xBAy');
    expectConverged(world, DOC, 'xy');
  });

  it('holds back an acknowledgement until the earlier broadcast arrives', async () => {
    const { world, a, b } = await twoClients(4, '');
    world.faults = { maxBroadcastDelay: 500 };
    b.edit(0, 0, 'B'); // revision 1, its broadcast to a is slow
    await world.clock.drive(new Promise<void>((r) => world.clock.setTimeout(r, 10)));
    a.edit(0, 0, 'A'); // revision 2, acknowledged before revision 1 reaches a
    const revisions: number[] = [];
    a.document.on('revision', (r) => revisions.push(r));
    await world.settle();
    expect(revisions).toEqual([1, 2]);
    expectConverged(world, DOC, '');
  });

  it('ignores duplicated broadcasts and fills a lost one with GetOperations', async () => {
    const { world, a, b } = await twoClients(5, '');
    world.faults = { duplicateBroadcast: 1 };
    b.edit(0, 0, 'one ');
    await world.settle();
    world.faults = { loseBroadcast: 1 };
    b.edit(4, 4, 'two ');
    await world.settle();
    world.faults = {};
    b.edit(8, 8, 'three');
    await world.settle();
    expect(world.server.stats.duplicateBroadcasts).toBeGreaterThan(0);
    expect(world.server.stats.getOperations).toBeGreaterThan(0);
    expect(a.document.text).toBe('one two three');
    expectConverged(world, DOC, '');
  });

  // promise: protocol.reference-client-fills-lost-last-broadcast
  it('notices a lost last broadcast from a later presence message and fills it, with no operation after it', async () => {
    const { world, a, b } = await twoClients(6, '');
    world.faults = { loseBroadcast: 1 };
    b.edit(0, 0, 'last words');
    await world.settle();
    world.faults = {};
    expect(world.server.stats.lostBroadcasts).toBe(1);
    expect(a.document.revision).toBe(0); // nothing else tells a that revision 1 exists
    b.document.setSelection([{ anchor: 4, head: 4 }]); // made at revision 1
    await world.settle();
    expect(a.document.revision).toBe(1);
    expect(a.document.text).toBe('last words');
    expectConverged(world, DOC, '');
  });

  it('recognises its own operation among Join results as the acknowledgement after a lost result', async () => {
    const { world, a } = await twoClients(6, 'abc');
    a.connection.dropAfterNextInvoke = { reachesServer: true };
    a.edit(3, 3, '!');
    await world.settle();
    const submits = a.connection.calls.filter((c) => c.method === 'Submit');
    expect(submits).toHaveLength(1); // committed before the drop; found in Join's operations, not resent
    expect(world.server.stats.duplicateSubmits).toBe(0);
    expect(a.document.revision).toBe(1);
    expectConverged(world, DOC, 'abc');
  });

  it('resends the in-flight operation with the same seq when it never reached the server', async () => {
    const { world, a } = await twoClients(7, 'abc');
    a.connection.dropAfterNextInvoke = { reachesServer: false };
    a.edit(0, 0, '>');
    a.edit(1, 1, '>');
    await world.settle();
    const submits = a.connection.calls.filter((c) => c.method === 'Submit').map((c) => c.args[4]);
    expect(submits).toEqual([1, 1, 2]);
    expect(world.server.document(DOC).text).toBe('>>abc');
    expectConverged(world, DOC, 'abc');
  });

  it('is exactly-once when the resend races a committed first attempt (server dedupes)', async () => {
    const { world, a, b } = await twoClients(8, '');
    // a's Submit reaches the server but its result is lost; b edits meanwhile so a's resend has another base.
    a.connection.dropAfterNextInvoke = { reachesServer: true };
    world.faults = { minLatency: 3, maxLatency: 3 };
    a.edit(0, 0, 'A');
    b.edit(0, 0, 'B');
    await world.settle();
    expectConverged(world, DOC, '');
    // The race happened: a sent seq 1 twice, the lost first attempt was processed after all, and the
    // server recognised one of the two as a duplicate; 'A' is in the log once.
    const seqs = a.connection.calls.filter((c) => c.method === 'Submit').map((c) => c.args[4]);
    expect(seqs).toEqual([1, 1]);
    expect(world.server.stats.lostCallsProcessed).toBe(1);
    expect(world.server.stats.duplicateSubmits).toBe(1);
    expect(world.server.document(DOC).history.filter((c) => c.clientId === a.client.clientId)).toHaveLength(1);
  });

  it('restarts the connection when automatic reconnect gives up, then catches up', async () => {
    const { world, a, b } = await twoClients(9, '');
    world.faults = { reconnectGivesUp: 1, startFails: 0.5 };
    const states: string[] = [];
    a.client.on('connection', (s) => states.push(s));
    a.connection.drop();
    a.edit(0, 0, 'offline ');
    b.edit(0, 0, 'online ');
    await world.settle();
    expect(world.server.stats.gaveUp).toBe(1);
    expect(states[0]).toBe('reconnecting');
    expect(states).toContain('disconnected');
    expect(states[states.length - 1]).toBe('connected');
    expectConverged(world, DOC, '');
  });

  it('keeps editing offline and loses nothing when back online', async () => {
    const { world, a, b } = await twoClients(10, 'base');
    a.connection.offline = true;
    a.connection.drop();
    for (let i = 0; i < 30; i++) {
      a.randomEdit(world.rng);
      b.randomEdit(world.rng);
      await world.clock.drive(new Promise<void>((r) => world.clock.setTimeout(r, 40)));
    }
    expect(a.document.status).not.toBe('live');
    a.connection.offline = false;
    await world.settle();
    expectConverged(world, DOC, 'base');
  });

  // promise: protocol.reference-client-fills-join-gap
  it('catches up through GetOperations when Join sends the full text but edits are pending', async () => {
    const world = new World(11, { joinOperationsLimit: 2, pageSize: 3 });
    world.server.createDocument(DOC, '');
    const a = world.addClient();
    const b = world.addClient();
    await a.open(DOC);
    await b.open(DOC);
    a.connection.offline = true;
    a.connection.drop();
    a.edit(0, 0, 'mine');
    for (let i = 0; i < 10; i++) {
      b.append(`${i}`);
      await world.clock.drive(b.document.whenSynchronized());
    }
    a.connection.offline = false;
    await world.settle();
    expect(world.server.stats.joinsWithText).toBeGreaterThan(2);
    expectConverged(world, DOC, '');
  });

  it('resynchronises from the full text on operation_mismatch and reports the discarded change', async () => {
    const { world, a } = await twoClients(12, 'abc');
    const errors: string[] = [];
    a.document.on('error', (e) => errors.push(e.code));
    const resets: boolean[] = [];
    a.document.on('change', (c) => c.kind === 'reset' && resets.push(c.discardedLocalChanges));
    world.server.failNextSubmit = { code: 'operation_mismatch' };
    a.edit(0, 0, 'X');
    await world.settle();
    expect(errors).toEqual(['operation_mismatch']);
    expect(resets).toEqual([true]);
    expect(a.document.text).toBe('abc');
    expect(a.document.state).toBe('synchronized');
  });

  it('retries the same seq after unavailable', async () => {
    const { world, a } = await twoClients(13, '');
    world.server.failNextSubmit = { code: 'unavailable' };
    a.edit(0, 0, 'x');
    await world.settle();
    const seqs = a.connection.calls.filter((c) => c.method === 'Submit').map((c) => c.args[4]);
    expect(seqs).toEqual([1, 1]);
    expectConverged(world, DOC, '');
  });

  it('sends at most one submit per minSubmitIntervalMs, composing the keystrokes in between', async () => {
    const world = new World(19);
    world.faults = { minLatency: 1, maxLatency: 1 };
    world.server.createDocument(DOC, '');
    const a = world.addClient({ minSubmitIntervalMs: 50 });
    await a.open(DOC);
    for (let i = 0; i < 40; i++) {
      a.append(String.fromCharCode(97 + (i % 26)));
      await world.clock.drive(new Promise<void>((r) => world.clock.setTimeout(r, 5)));
    }
    await world.settle();
    const times = a.connection.calls.filter((c) => c.method === 'Submit').map((c) => c.at);
    expect(times.length).toBeLessThanOrEqual(6); // 200 ms of typing: one submit at once, then one per 50 ms
    for (let i = 1; i < times.length; i++) {
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(50);
    }
    expectConverged(world, DOC, '');
    expect(world.server.document(DOC).text).toHaveLength(40);
  });

  it('waits as long as the server says after rate_limited, then resends the same seq', async () => {
    const { world, a } = await twoClients(20, '');
    world.server.failNextSubmit = { code: 'rate_limited', text: '{"message":"Too many submits; retry in 700 ms.","retryAfterMs":700}' };
    a.edit(0, 0, 'x');
    await world.settle();
    const submits = a.connection.calls.filter((c) => c.method === 'Submit');
    expect(submits.map((c) => c.args[4])).toEqual([1, 1]);
    const gap = submits[1]!.at - submits[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(700);
    expect(gap).toBeLessThan(800);
    expectConverged(world, DOC, '');
  });

  it('continues seq numbers when a document is closed and reopened', async () => {
    const { world, a } = await twoClients(14, '');
    a.edit(0, 0, 'a');
    await world.settle();
    await world.clock.drive(a.document.close());
    await a.open(DOC);
    a.edit(1, 1, 'b');
    await world.settle();
    expect(world.server.document(DOC).history.map((c) => c.seq)).toEqual([1, 2]);
  });

  it('sends presence only while synchronized and shows others at the right place', async () => {
    const { world, a, b } = await twoClients(15, 'hello world');
    world.faults = { minLatency: 5, maxLatency: 5 };
    a.edit(0, 0, '>> ');
    a.document.setSelection([{ anchor: 3, head: 8 }]); // "hello"
    expect(a.connection.calls.filter((c) => c.method === 'UpdatePresence')).toHaveLength(0);
    await world.settle();
    const sent = a.connection.calls.filter((c) => c.method === 'UpdatePresence');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.args.slice(1)).toEqual([1, [{ anchor: 3, head: 8 }]]);
    const seen = b.document.presence.find((p) => p.sessionId === a.document.sessionId);
    expect(seen?.ranges).toEqual([{ anchor: 3, head: 8 }]);
    // b's own pending insert before the range moves it in b's view.
    b.edit(0, 0, '__');
    expect(b.document.presence[0]?.ranges).toEqual([{ anchor: 5, head: 10 }]);
    await world.settle();
    expect(b.document.presence[0]?.ranges).toEqual([{ anchor: 5, head: 10 }]);
    expect(a.document.text.slice(5, 10)).toBe('hello');
  });

  it('throttles presence updates and sends the last one', async () => {
    const world = new World(16);
    world.server.createDocument(DOC, 'abcdefghij');
    const a = world.addClient({ presenceThrottleMs: 50 });
    await a.open(DOC);
    for (let i = 0; i < 10; i++) {
      a.document.setSelection([{ anchor: i, head: i }]);
    }
    await world.settle();
    const sent = a.connection.calls.filter((c) => c.method === 'UpdatePresence').map((c) => c.args[2]);
    expect(sent).toEqual([[{ anchor: 0, head: 0 }], [{ anchor: 9, head: 9 }]]);
  });

  it('re-sends an unchanged selection as a heartbeat while idle, and stops after closing', async () => {
    const world = new World(19);
    world.server.createDocument(DOC, 'abcdefghij');
    const a = world.addClient({ presenceHeartbeatMs: 1000 });
    await a.open(DOC);
    a.document.setSelection([{ anchor: 3, head: 3 }]);
    await flushSteps(world, 2000);
    const sent = a.connection.calls.filter((c) => c.method === 'UpdatePresence').map((c) => c.args[2]);
    expect(sent).toEqual([[{ anchor: 3, head: 3 }], [{ anchor: 3, head: 3 }], [{ anchor: 3, head: 3 }]]);
    await world.clock.drive(a.document.close());
    await world.settle();
  });

  it('drops presence of users who left', async () => {
    const { world, a, b } = await twoClients(17, 'abc');
    b.document.setSelection([{ anchor: 1, head: 1 }]);
    await world.settle();
    expect(a.document.presence).toHaveLength(1);
    await world.clock.drive(b.document.close());
    await world.settle();
    expect(a.document.presence).toHaveLength(0);
  });

  it('rejects a local operation that does not fit the text', async () => {
    const { a } = await twoClients(18, 'abc');
    expect(() => a.document.applyLocal(new TextOperation().retain(5))).toThrow(CollabError);
  });
});

describe('CollabError', () => {
  it('parses the code from a SignalR HubException message', () => {
    const e = CollabError.fromInvokeError(
      new Error("An unexpected error occurred invoking 'Submit' on the server. HubException: revision_in_future: Base revision 12 is ahead of the document (revision 10)."),
      'Submit',
    );
    expect(e.code).toBe('revision_in_future');
    expect(e.message).toBe('Base revision 12 is ahead of the document (revision 10).');
    expect(e.method).toBe('Submit');
    expect(e.isHubError).toBe(true);
    expect(e.retryAfterMs).toBeUndefined();
    const limited = CollabError.fromInvokeError(new Error(`An unexpected error occurred invoking 'Submit' on the server. HubException: rate_limited: {"message":"Too many calls; retry in 120 ms.","retryAfterMs":120}`));
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfterMs).toBe(120);
  });

  it('treats other failures as connection errors', () => {
    const e = CollabError.fromInvokeError(new Error('Invocation canceled due to the underlying connection being closed.'));
    expect(e.code).toBe('connection');
    expect(e.isHubError).toBe(false);
    expect(parseHubErrorCode('HubException: forbidden: no')).toBe('forbidden');
    expect(parseHubErrorCode('nothing here')).toBeUndefined();
  });
});

describe('diff', () => {
  it.each([
    ['', 'abc'],
    ['abc', ''],
    ['abcdef', 'abXdef'],
    ['a😀b', 'a😃b'],
    ['😀', '😀😀'],
    ['same', 'same'],
  ])('turns %j into %j without splitting pairs', (from, to) => {
    const operation = diff(from, to);
    expect(operation.apply(from)).toBe(to);
    for (const component of operation.ops) {
      if (typeof component === 'string') {
        expect(isWellFormedUtf16(component)).toBe(true);
      }
    }
  });
});

describe('CollabClient against the fake hub: seeded random interleavings', () => {
  const totals: Record<string, number> = {};
  const runSeeds = seeds(120, 1);
  afterAll(() => {
    if (process.env['SIM_STATS']) {
      console.log('simulation totals', totals);
    }
    if (runSeeds.length >= 50) {
      // The faults really happened across the run (each name: how many times).
      for (const name of ['drops', 'gaveUp', 'lostCallsProcessed', 'duplicateBroadcasts', 'lostBroadcasts', 'duplicateSubmits', 'unavailable', 'joinsWithText', 'getOperations']) {
        expect(totals[name] ?? 0, `fault '${name}' exercised`).toBeGreaterThan(0);
      }
    }
  });
  for (const seed of runSeeds) {
    it(`seed ${seed}`, () =>
      withSeed(seed, async () => {
        const world = new World(seed);
        const rng = world.rng;
        const serverOptions = world.server.options;
        if (rng.chance(0.3)) {
          serverOptions.joinOperationsLimit = rng.int(0, 4);
          serverOptions.pageSize = rng.int(1, 5);
        }
        const initial = Array.from({ length: rng.int(0, 20) }, (_, i) => String.fromCodePoint(0x3400 + i)).join('');
        world.server.createDocument(DOC, initial);
        const clientCount = rng.int(2, 4);
        for (let i = 0; i < clientCount; i++) {
          world.addClient({ gapFillDelayMs: rng.int(20, 300), presenceThrottleMs: rng.int(0, 60), minSubmitIntervalMs: rng.int(0, 60) });
        }
        for (const c of world.clients) {
          await c.open(DOC);
        }
        world.faults = {
          minLatency: 0,
          maxLatency: rng.int(0, 20),
          maxBroadcastDelay: rng.int(0, 60),
          duplicateBroadcast: rng.next() * 0.2,
          loseBroadcast: rng.next() * 0.1,
          dropOnInvoke: rng.next() * 0.05,
          processLostCalls: rng.next(),
          reconnectGivesUp: rng.next() * 0.5,
          startFails: rng.next() * 0.5,
          submitUnavailable: rng.next() * 0.05,
        };

        const actions = rng.int(20, 60);
        for (const c of world.clients) {
          let left = actions;
          const act = (): void => {
            const r = rng.next();
            if (r < 0.75) {
              c.randomEdit(rng);
            } else if (r < 0.93) {
              c.randomSelection(rng);
            } else if (r < 0.97) {
              c.connection.drop();
            } else {
              c.connection.offline = true;
              c.connection.drop();
              world.clock.setTimeout(() => (c.connection.offline = false), rng.int(0, 3000));
            }
            if (--left > 0) {
              world.clock.setTimeout(act, rng.int(0, 40));
            }
          };
          world.clock.setTimeout(act, rng.int(0, 40));
        }
        await world.settle();

        // Heal the network. A lost last broadcast shows only when a later one arrives, so everybody
        // makes one more edit; then everything must converge.
        world.faults = {};
        for (const c of world.clients) c.connection.offline = false;
        await world.settle();
        for (const c of world.clients) c.randomEdit(rng);
        await world.settle();
        expectConverged(world, DOC, initial);

        // A last round of selections: everybody sees everybody where they are.
        for (const c of world.clients) c.randomSelection(rng);
        await world.settle();
        expectPresenceConverged(world);

        await Promise.all(world.clients.map((c) => world.clock.drive(c.client.stop())));
        for (const [name, value] of Object.entries(world.server.stats)) {
          totals[name] = (totals[name] ?? 0) + value;
        }
      }));
  }
});

/** Runs virtual time for `ms` (the heartbeat keeps the clock from ever becoming idle). */
async function flushSteps(world: World, ms: number): Promise<void> {
  const end = world.clock.now() + ms;
  while (world.clock.now() < end && (await world.clock.step())) {
    // keep stepping
  }
}
