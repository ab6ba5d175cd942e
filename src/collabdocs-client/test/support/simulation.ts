import { expect } from 'vitest';
import {
  CollabClient,
  TextOperation,
  splitsSurrogatePair,
  type CollabDocument,
  type CollabError,
  type PendingEditsStore,
  type SelectionRange,
} from '../../src/index.js';
import { FakeConnection, FakeHubServer, perfectNetwork, type FaultOptions, type ServerOptions } from './fake-hub.js';
import { Rng } from './rng.js';
import { VirtualClock } from './virtual-clock.js';

/** A test world: virtual clock, fake server, and clients talking to it. */
export class World {
  readonly rng: Rng;
  readonly clock: VirtualClock;
  readonly server: FakeHubServer;
  readonly clients: SimClient[] = [];
  /** True while every inserted character is unique in the run, which enables the lost/duplicated check. */
  uniqueCharacters = true;

  constructor(
    readonly seed: number,
    serverOptions: Partial<ServerOptions> = {},
  ) {
    this.rng = new Rng(seed);
    this.clock = new VirtualClock(this.rng);
    this.server = new FakeHubServer(this.clock, this.rng, serverOptions);
  }

  set faults(faults: Partial<FaultOptions>) {
    this.server.faults = { ...perfectNetwork, ...faults };
  }

  addClient(
    options: {
      gapFillDelayMs?: number;
      presenceThrottleMs?: number;
      presenceHeartbeatMs?: number;
      minSubmitIntervalMs?: number;
      pendingStore?: PendingEditsStore;
    } = {},
  ): SimClient {
    const index = this.clients.length;
    let connection: FakeConnection | undefined;
    const factory = this.server.connectionFactory(`user-${index}`, `User ${index}`, `#00000${index}`);
    const client = new CollabClient({
      clientId: `client-${index}-${this.seed}`,
      timers: this.clock,
      connectionFactory: (o) => (connection = factory(o)),
      // Virtual time runs until nothing is scheduled; a perpetual heartbeat would never let it settle.
      presenceHeartbeatMs: 0,
      ...options,
    });
    if (connection === undefined) {
      throw new Error('the factory was not called');
    }
    const sim = new SimClient(this, index, client, connection);
    this.clients.push(sim);
    return sim;
  }

  /** Runs virtual time until nothing is scheduled any more. */
  settle(): Promise<void> {
    return this.clock.runUntilIdle();
  }
}

/**
 * One simulated user: a `CollabClient` plus an "editor" copy of the text that only changes through
 * local edits and the document's `change` events, as a real editor binding would.
 */
export class SimClient {
  doc: CollabDocument | null = null;
  editorText = '';
  /** Characters this user inserted (each unique in the whole run) and deleted. */
  readonly inserted = new Set<string>();
  readonly deleted = new Set<string>();
  readonly errors: CollabError[] = [];
  readonly problems: string[] = [];
  discardedLocalChanges = 0;
  /** The page went away (`crash`): its document no longer counts for convergence, its edits do. */
  retired = false;
  selection: SelectionRange[] = [];
  private _counter = 0;

  constructor(
    readonly world: World,
    readonly index: number,
    readonly client: CollabClient,
    readonly connection: FakeConnection,
  ) {}

  async open(documentId: string): Promise<CollabDocument> {
    const doc = await this.world.clock.drive(this.client.open(documentId));
    this.attach(doc);
    return doc;
  }

  attach(doc: CollabDocument): void {
    this.doc = doc;
    this.editorText = doc.text;
    doc.on('change', (change) => {
      if (change.kind === 'reset' && change.discardedLocalChanges) {
        this.discardedLocalChanges++;
      }
      try {
        this.editorText = change.operation.apply(this.editorText);
      } catch (error) {
        this.problems.push(`change event does not fit the editor text: ${(error as Error).message}`);
        this.editorText = doc.text;
      }
      if (this.editorText !== doc.text) {
        this.problems.push(`editor text differs from the document after a ${change.kind} change`);
        this.editorText = doc.text;
      }
    });
    doc.on('error', (error) => this.errors.push(error));
  }

  /**
   * The page goes away without warning: the network first (nothing more reaches the server), then
   * the client, whose pending edits stay in its store.
   */
  async crash(): Promise<void> {
    this.retired = true;
    this.connection.offline = true;
    this.connection.drop();
    await this.world.clock.drive(this.client.stop());
  }

  get document(): CollabDocument {
    if (this.doc === null) {
      throw new Error(`client ${this.index} has no document`);
    }
    return this.doc;
  }

  /** A unique character (sometimes outside the BMP, i.e. a surrogate pair). */
  uniqueChar(rng: Rng): string {
    const k = this._counter++;
    return rng.chance(0.2)
      ? String.fromCodePoint(0x20000 + this.index * 0x2000 + k)
      : String.fromCodePoint(0x4e00 + this.index * 0x1000 + k);
  }

  /** A random local edit: insert unique characters, delete, or replace, never splitting a pair. */
  randomEdit(rng: Rng): void {
    const doc = this.document;
    const text = doc.text;
    const at = safePosition(text, rng.int(0, text.length));
    let to = at;
    if (text.length > 0 && rng.chance(0.4)) {
      to = safePosition(text, Math.min(text.length, at + rng.int(1, 6)));
    }
    let insert = '';
    if (to === at || rng.chance(0.5)) {
      const count = rng.chance(0.1) ? rng.int(5, 30) : rng.int(1, 3);
      for (let i = 0; i < count; i++) {
        insert += this.uniqueChar(rng);
      }
    }
    for (const ch of text.slice(at, to)) {
      this.deleted.add(ch);
    }
    for (const ch of insert) {
      this.inserted.add(ch);
    }
    const operation = TextOperation.splice(text.length, at, to, insert);
    doc.applyLocal(operation);
    this.editorText = operation.apply(this.editorText);
    if (this.editorText !== doc.text) {
      this.problems.push('editor text differs from the document after a local edit');
    }
  }

  /** A local edit: replace `from`..`to` with `insert`, as a user would in the editor. */
  edit(from: number, to: number, insert: string): void {
    const doc = this.document;
    const operation = TextOperation.splice(doc.text.length, from, to, insert);
    this.world.uniqueCharacters = false;
    doc.applyLocal(operation);
    this.editorText = operation.apply(this.editorText);
  }

  /** Appends `insert` at the end. */
  append(insert: string): void {
    const length = this.document.text.length;
    this.edit(length, length, insert);
  }

  randomSelection(rng: Rng): void {
    const text = this.document.text;
    const anchor = safePosition(text, rng.int(0, text.length));
    const head = rng.chance(0.5) ? anchor : safePosition(text, rng.int(0, text.length));
    this.selection = [{ anchor, head }];
    this.document.setSelection(this.selection);
  }
}

function safePosition(text: string, index: number): number {
  return splitsSurrogatePair(text, index) ? index - 1 : index;
}

/**
 * The invariants of a settled world: every client synchronized on the server's text and revision, each
 * committed (clientId, seq) once with seqs 1…n, and no character lost or duplicated: the text holds
 * exactly the characters that were there or inserted, minus the ones somebody deleted.
 */
export function expectConverged(world: World, documentId: string, initialText: string): void {
  const d = world.server.document(documentId);
  expect(d.text).toBe(d.history.reduce((text, c) => c.operation.apply(text), initialText));
  for (const c of world.clients.filter((client) => !client.retired)) {
    const doc = c.document;
    expect(c.problems, `client ${c.index} problems`).toEqual([]);
    expect(doc.state, `client ${c.index} state`).toBe('synchronized');
    expect(doc.status, `client ${c.index} status`).toBe('live');
    expect(doc.revision, `client ${c.index} revision`).toBe(d.revision);
    expect(doc.text === d.text, `client ${c.index} text equals the server's`).toBe(true);
    expect(c.editorText === d.text, `client ${c.index} editor text equals the server's`).toBe(true);
    expect(c.discardedLocalChanges, `client ${c.index} discarded local changes`).toBe(0);
    const unexpected = c.errors.filter((e) => !['connection', 'unavailable', 'rate_limited'].includes(e.code));
    expect(unexpected.map((e) => `${e.code}: ${e.message}`), `client ${c.index} errors`).toEqual([]);
  }

  const seen = new Set<string>();
  const seqs = new Map<string, number[]>();
  for (const c of d.history) {
    const key = `${c.clientId}:${c.seq}`;
    expect(seen.has(key), `(clientId, seq) ${key} committed twice`).toBe(false);
    seen.add(key);
    seqs.set(c.clientId, [...(seqs.get(c.clientId) ?? []), c.seq]);
  }
  for (const [clientId, list] of seqs) {
    expect(list, `seqs of ${clientId} are 1…n in order`).toEqual(list.map((_, i) => i + 1));
  }

  if (!world.uniqueCharacters) {
    return;
  }
  const expected = new Set<string>([...initialText]);
  for (const c of world.clients) {
    for (const ch of c.inserted) expected.add(ch);
  }
  for (const c of world.clients) {
    for (const ch of c.deleted) expected.delete(ch);
  }
  const actual = [...d.text];
  const counts = new Map<string, number>();
  for (const ch of actual) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([ch]) => ch);
  expect(duplicated, 'duplicated characters').toEqual([]);
  const lost = [...expected].filter((ch) => !counts.has(ch));
  expect(lost, 'lost characters').toEqual([]);
  const resurrected = actual.filter((ch) => !expected.has(ch));
  expect(resurrected, 'characters that should be gone').toEqual([]);
}

/** After a settled round of fresh selections, everybody sees everybody else's selection where it is. */
export function expectPresenceConverged(world: World): void {
  for (const viewer of world.clients) {
    const seen = viewer.document.presence;
    for (const other of world.clients) {
      if (other === viewer) {
        continue;
      }
      const entry = seen.find((p) => p.sessionId === other.document.sessionId);
      expect(entry, `client ${viewer.index} sees client ${other.index}`).toBeDefined();
      expect(entry?.ranges, `client ${viewer.index}'s view of client ${other.index}'s selection`).toEqual(other.selection);
      expect(entry?.name).toBe(`User ${other.index}`);
    }
    expect(seen.length, `client ${viewer.index} sees no stale sessions`).toBe(world.clients.length - 1);
  }
}
