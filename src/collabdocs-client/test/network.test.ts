import { afterEach, describe, expect, it } from 'vitest';
import { World, expectConverged } from './support/simulation.js';

const DOC = 'notes';
const scope = globalThis as unknown as Record<string, unknown>;
const original = { add: scope['addEventListener'], remove: scope['removeEventListener'] };

/** Gives this Node realm a browser's window events, as a page would have. */
function browserEvents(): EventTarget {
  const target = new EventTarget();
  scope['addEventListener'] = target.addEventListener.bind(target);
  scope['removeEventListener'] = target.removeEventListener.bind(target);
  return target;
}

afterEach(() => {
  scope['addEventListener'] = original.add;
  scope['removeEventListener'] = original.remove;
});

describe('browser network events', () => {
  it('shows offline at the offline event, and reconnects at the online event without waiting for backoff', async () => {
    const window = browserEvents();
    const world = new World(41);
    world.server.createDocument(DOC, '');
    const a = world.addClient();
    await a.open(DOC);
    const states: string[] = [];
    a.client.on('connection', (s) => states.push(s));

    a.connection.offline = true;
    window.dispatchEvent(new Event('offline'));
    expect(states[0]).toBe('disconnected'); // at once: then the restart loop tries to connect
    expect(a.document.status).toBe('offline');
    a.edit(0, 0, 'typed offline');
    await world.clock.advance(40_000); // the restart loop backs off while the network is gone
    expect(a.document.status).toBe('offline');

    a.connection.offline = false;
    const before = world.clock.now();
    window.dispatchEvent(new Event('online'));
    await world.clock.drive(a.document.whenSynchronized());
    expect(world.clock.now() - before).toBeLessThan(1000);
    await world.settle();
    expectConverged(world, DOC, '');
  });

  it('stops listening when the client stops', async () => {
    const window = browserEvents();
    const world = new World(42);
    world.server.createDocument(DOC, '');
    const a = world.addClient();
    await a.open(DOC);
    await world.clock.drive(a.client.stop());
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('offline'));
    await world.settle();
    expect(a.client.connectionState).toBe('disconnected');
    expect(a.connection.calls.filter((c) => c.method === 'Join')).toHaveLength(1);
  });
});
