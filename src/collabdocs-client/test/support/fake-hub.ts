import {
  TextOperation,
  textChecksum,
  transformRanges,
  type ConnectionFactoryOptions,
  type HubConnectionLike,
  type JoinResult,
  type OperationMessage,
  type PresenceMessage,
  type SelectionRange,
} from '../../src/index.js';
import type { Rng } from './rng.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * Network and server faults of the fake; all probabilities are per event. The defaults are a
 * perfect network.
 */
export interface FaultOptions {
  /** One-way latency of calls and results, ms. */
  minLatency: number;
  maxLatency: number;
  /** Extra random delay of broadcasts (reorders them), ms. */
  maxBroadcastDelay: number;
  /** A broadcast is delivered twice. */
  duplicateBroadcast: number;
  /** An operation broadcast is lost (the client must fill the gap with GetOperations). */
  loseBroadcast: number;
  /** A connection drops when the client invokes a method. */
  dropOnInvoke: number;
  /** A call in transit when its connection drops still reaches the server (its result is lost). */
  processLostCalls: number;
  /** After a drop, the automatic reconnect gives up (the client must restart the connection). */
  reconnectGivesUp: number;
  /** `start` fails. */
  startFails: number;
  /** A Submit fails with `unavailable` before committing. */
  submitUnavailable: number;
}

export const perfectNetwork: FaultOptions = {
  minLatency: 0,
  maxLatency: 0,
  maxBroadcastDelay: 0,
  duplicateBroadcast: 0,
  loseBroadcast: 0,
  dropOnInvoke: 0,
  processLostCalls: 0,
  reconnectGivesUp: 0,
  startFails: 0,
  submitUnavailable: 0,
};

export interface ServerOptions {
  /** Join sends operations only when at most this many are missing (else the full text). */
  joinOperationsLimit: number;
  /** GetOperations page size (the real server uses 1,000). */
  pageSize: number;
}

interface CommittedOperation {
  operation: TextOperation;
  clientId: string;
  seq: number;
  userId: string;
}

interface PresenceState {
  revision: number;
  ranges: SelectionRange[];
}

class FakeDocument {
  readonly history: CommittedOperation[] = [];
  readonly committed = new Map<string, number>();
  readonly maxSeq = new Map<string, number>();
  readonly subscribers = new Set<Session>();
  readonly presence = new Map<Session, PresenceState>();
  text: string;

  constructor(
    readonly id: string,
    readonly initialText: string,
  ) {
    this.text = initialText;
  }

  get revision(): number {
    return this.history.length;
  }

  lengthAt(revision: number): number {
    return revision === 0 ? this.initialText.length : (this.history[revision - 1]?.operation.targetLength ?? -1);
  }

  message(revision: number): OperationMessage {
    const c = this.history[revision - 1];
    if (c === undefined) {
      throw new Error(`no revision ${revision}`);
    }
    return {
      documentId: this.id,
      revision,
      operation: c.operation.toJSON(),
      clientId: c.clientId,
      seq: c.seq,
      userId: c.userId,
      timestamp: revision,
    };
  }
}

/** The hub's error format as `@microsoft/signalr` reports it. */
function hubError(method: string, code: string, text: string): Error {
  return new Error(`An unexpected error occurred invoking '${method}' on the server. HubException: ${code}: ${text}`);
}

let sessionCounter = 0;

/** One server-side connection (a SignalR connection id). */
class Session {
  readonly id = `session-${++sessionCounter}`;
  readonly documents = new Set<FakeDocument>();
  open = true;
  /** Time the last presence message to this session is delivered, to keep them in order. */
  lastPresenceDelivery = 0;

  constructor(
    readonly connection: FakeConnection,
    readonly userId: string,
    readonly name: string,
    readonly color: string,
  ) {}
}

/**
 * An in-memory CollabDocs server implementing the protocol's semantics (docs/protocol.md): transform
 * against history with the incoming operation first, exactly-once by (clientId, seq), broadcasts to
 * the other subscribers, presence moved to the current revision. The network between it and each
 * client is simulated with the faults of `faults`.
 */
export class FakeHubServer {
  readonly documents = new Map<string, FakeDocument>();
  faults: FaultOptions = perfectNetwork;
  readonly options: ServerOptions;
  /** Counts, for assertions that a scenario exercised what it meant to. */
  readonly stats = {
    drops: 0,
    gaveUp: 0,
    lostCallsProcessed: 0,
    duplicateBroadcasts: 0,
    lostBroadcasts: 0,
    duplicateSubmits: 0,
    unavailable: 0,
    joinsWithText: 0,
    getOperations: 0,
  };
  /** Corrupts the inserted text of the next Operation broadcast (one delivery), keeping its length and checksum. */
  corruptNextBroadcast = false;
  /** Makes the next Submit fail with this error code and text (before committing). */
  failNextSubmit: { code: string; text?: string } | null = null;
  /** Per document: operations up to this revision are compacted away (no longer transformable). */
  readonly compacted = new Map<string, number>();

  constructor(
    readonly clock: VirtualClock,
    readonly rng: Rng,
    options: Partial<ServerOptions> = {},
  ) {
    this.options = { joinOperationsLimit: 1000, pageSize: 1000, ...options };
  }

  /** Forgets the operations of `id` up to its current revision, as a server's retention would. */
  compact(id: string): void {
    this.compacted.set(id, this.document(id).revision);
  }

  createDocument(id: string, text = ''): void {
    this.documents.set(id, new FakeDocument(id, text));
  }

  document(id: string): FakeDocument {
    const d = this.documents.get(id);
    if (d === undefined) {
      throw new Error(`no document ${id}`);
    }
    return d;
  }

  /** A connection factory for `CollabClientOptions.connectionFactory`. */
  connectionFactory(userId: string, name: string, color = '#1f77b4'): (options: ConnectionFactoryOptions) => FakeConnection {
    return () => new FakeConnection(this, userId, name, color);
  }

  latency(): number {
    return this.rng.int(this.faults.minLatency, this.faults.maxLatency);
  }

  // ---- hub methods ----

  /** Runs a hub method; `late`: the call of a connection that has meanwhile dropped (Submit only). */
  handle(session: Session, method: string, args: unknown[], late = false): unknown {
    switch (method) {
      case 'Join':
        return this._join(session, args[0] as string, args[1] as number | null);
      case 'Leave':
        return this._leave(session, args[0] as string);
      case 'Submit':
        return this._submit(session, args[0] as string, args[1] as number, args[2], args[3] as string, args[4] as number, late);
      case 'GetOperations':
        return this._getOperations(args[0] as string, args[1] as number, args[2] as number | null);
      case 'UpdatePresence':
        return this._updatePresence(session, args[0] as string, args[1] as number, args[2] as SelectionRange[]);
      default:
        throw new Error(`Unknown hub method '${method}'.`);
    }
  }

  private _find(method: string, id: string): FakeDocument {
    const d = this.documents.get(id);
    if (d === undefined) {
      throw hubError(method, 'document_not_found', `Document '${id}' does not exist.`);
    }
    return d;
  }

  private _join(session: Session, id: string, known: number | null): JoinResult {
    const d = this._find('Join', id);
    d.subscribers.add(session);
    session.documents.add(d);
    const presence: PresenceMessage[] = [];
    for (const [other, state] of d.presence) {
      if (other !== session) {
        presence.push(this._presenceMessage(d, other, state));
      }
    }
    const base = { documentId: id, revision: d.revision, presence, role: 'editor' as const, sessionId: session.id };
    const compacted = this.compacted.get(id) ?? 0;
    if (known === null || known < compacted || known > d.revision || d.revision - known > this.options.joinOperationsLimit) {
      this.stats.joinsWithText++;
      return { ...base, text: d.text, operations: null };
    }
    const operations: OperationMessage[] = [];
    for (let r = known + 1; r <= d.revision; r++) {
      operations.push(d.message(r));
    }
    return { ...base, text: null, operations };
  }

  private _leave(session: Session, id: string): void {
    const d = this.documents.get(id);
    if (d !== undefined) {
      this.unsubscribe(session, d);
    }
  }

  unsubscribe(session: Session, d: FakeDocument): void {
    d.subscribers.delete(session);
    session.documents.delete(d);
    if (d.presence.delete(session)) {
      for (const other of d.subscribers) {
        this._deliver(other, 'PresenceLeft', { documentId: d.id, sessionId: session.id }, true);
      }
    }
  }

  private _submit(
    session: Session,
    id: string,
    baseRevision: number,
    json: unknown,
    clientId: string,
    seq: number,
    late: boolean,
  ): { revision: number; checksum?: number } {
    const d = this._find('Submit', id);
    if (!d.subscribers.has(session) && !late) {
      throw hubError('Submit', 'forbidden', 'Join the document first.');
    }
    if (!Number.isInteger(baseRevision) || baseRevision < 0 || !Number.isInteger(seq) || seq < 1) {
      throw hubError('Submit', 'invalid_argument', 'Bad revision or seq.');
    }
    if (baseRevision > d.revision) {
      throw hubError('Submit', 'revision_in_future', `Base revision ${baseRevision} is ahead of the document (revision ${d.revision}).`);
    }
    let operation: TextOperation;
    try {
      operation = TextOperation.fromJSON(json);
    } catch (e) {
      throw hubError('Submit', 'malformed_operation', (e as Error).message);
    }
    if (operation.baseLength !== d.lengthAt(baseRevision)) {
      throw hubError('Submit', 'operation_mismatch', `Base length ${operation.baseLength} does not fit revision ${baseRevision}.`);
    }
    const key = `${clientId}:${seq}`;
    const previous = d.committed.get(key);
    if (previous !== undefined) {
      this.stats.duplicateSubmits++;
      if (baseRevision < previous && baseRevision >= (this.compacted.get(id) ?? 0)) {
        let moved = operation;
        for (let r = baseRevision + 1; r < previous; r++) {
          moved = TextOperation.transform(moved, d.history[r - 1]!.operation)[0];
        }
        if (!moved.equals(d.history[previous - 1]!.operation)) {
          throw hubError('Submit', 'duplicate_seq_mismatch', `Seq ${seq} was committed with a different change.`);
        }
      }
      return { revision: previous };
    }
    if (baseRevision < (this.compacted.get(id) ?? 0)) {
      throw hubError('Submit', 'revision_too_old', `Revision ${baseRevision} is no longer kept.`);
    }
    if (seq < (d.maxSeq.get(clientId) ?? 0)) {
      throw hubError('Submit', 'seq_out_of_order', `Seq ${seq} is lower than one already committed.`);
    }
    if (this.failNextSubmit !== null) {
      const { code, text } = this.failNextSubmit;
      this.failNextSubmit = null;
      throw hubError('Submit', code, text ?? 'Injected failure.');
    }
    if (this.rng.chance(this.faults.submitUnavailable)) {
      this.stats.unavailable++;
      throw hubError('Submit', 'unavailable', 'The store could not commit.');
    }
    for (let r = baseRevision + 1; r <= d.revision; r++) {
      operation = TextOperation.transform(operation, d.history[r - 1]!.operation)[0];
    }
    d.text = operation.apply(d.text);
    d.history.push({ operation, clientId, seq, userId: session.userId });
    d.committed.set(key, d.revision);
    d.maxSeq.set(clientId, Math.max(seq, d.maxSeq.get(clientId) ?? 0));
    // Presence of everybody moves with the text.
    for (const state of d.presence.values()) {
      if (state.revision === d.revision - 1) {
        state.ranges = transformRanges(state.ranges, operation);
        state.revision = d.revision;
      }
    }
    const checksum = textChecksum(d.text);
    const message = { ...d.message(d.revision), checksum };
    for (const other of d.subscribers) {
      if (other !== session) {
        this._deliver(other, 'Operation', this._maybeCorrupt(message), false);
      }
    }
    return { revision: d.revision, checksum };
  }

  private _maybeCorrupt(message: OperationMessage): OperationMessage {
    if (!this.corruptNextBroadcast) {
      return message;
    }
    this.corruptNextBroadcast = false;
    const corrupt = (c: unknown): unknown => (typeof c === 'string' ? c.replace(/[\s\S]/g, (ch) => (ch === 'Z' ? 'Y' : 'Z')) : c);
    return { ...message, operation: message.operation.map(corrupt) as OperationMessage['operation'] };
  }

  private _getOperations(id: string, from: number, to: number | null): OperationMessage[] {
    const d = this._find('GetOperations', id);
    this.stats.getOperations++;
    if (from < (this.compacted.get(id) ?? 0)) {
      throw hubError('GetOperations', 'revision_too_old', `Revision ${from} is no longer kept.`);
    }
    const last = Math.min(to ?? d.revision, d.revision, from + this.options.pageSize);
    const result: OperationMessage[] = [];
    for (let r = from + 1; r <= last; r++) {
      result.push(d.message(r));
    }
    return result;
  }

  private _updatePresence(session: Session, id: string, revision: number, ranges: SelectionRange[]): void {
    const d = this._find('UpdatePresence', id);
    if (!d.subscribers.has(session)) {
      throw hubError('UpdatePresence', 'forbidden', 'Join the document first.');
    }
    if (revision > d.revision || revision < 0) {
      throw hubError('UpdatePresence', 'invalid_argument', `Revision ${revision} out of range.`);
    }
    const length = d.lengthAt(revision);
    if (ranges.some((r) => r.anchor < 0 || r.head < 0 || r.anchor > length || r.head > length)) {
      throw hubError('UpdatePresence', 'invalid_argument', 'Range outside the text.');
    }
    let moved = ranges;
    for (let r = revision + 1; r <= d.revision; r++) {
      moved = transformRanges(moved, d.history[r - 1]!.operation);
    }
    const state = { revision: d.revision, ranges: moved };
    d.presence.set(session, state);
    for (const other of d.subscribers) {
      if (other !== session) {
        this._deliver(other, 'Presence', this._presenceMessage(d, session, state), true);
      }
    }
  }

  private _presenceMessage(d: FakeDocument, session: Session, state: PresenceState): PresenceMessage {
    return {
      documentId: d.id,
      sessionId: session.id,
      userId: session.userId,
      name: session.name,
      color: session.color,
      revision: state.revision,
      ranges: state.ranges,
    };
  }

  /** Sends a client method to a session, with the network's delay (and duplication for operations). */
  private _deliver(session: Session, method: string, message: unknown, ordered: boolean): void {
    const payload = JSON.parse(JSON.stringify(message)) as unknown;
    let delay = this.latency() + this.rng.int(0, this.faults.maxBroadcastDelay);
    if (ordered) {
      const at = Math.max(this.clock.now() + delay, session.lastPresenceDelivery);
      session.lastPresenceDelivery = at;
      delay = at - this.clock.now();
    }
    if (!ordered && this.rng.chance(this.faults.loseBroadcast)) {
      this.stats.lostBroadcasts++;
      return;
    }
    const copies = !ordered && this.rng.chance(this.faults.duplicateBroadcast) ? 2 : 1;
    if (copies === 2) {
      this.stats.duplicateBroadcasts++;
    }
    for (let i = 0; i < copies; i++) {
      this.clock.setTimeout(() => {
        if (session.open) {
          session.connection.receive(method, payload);
        }
      }, delay + i * this.rng.int(0, 20));
    }
  }

  openSession(connection: FakeConnection, userId: string, name: string, color: string): Session {
    return new Session(connection, userId, name, color);
  }

  closeSession(session: Session): void {
    session.open = false;
    for (const d of [...session.documents]) {
      this.unsubscribe(session, d);
    }
  }
}

type ConnectionState = 'Disconnected' | 'Connecting' | 'Connected' | 'Reconnecting';

interface PendingCall {
  reject: (error: Error) => void;
}

/**
 * A fake `HubConnection` with SignalR's semantics: calls reject when the connection drops, automatic
 * reconnect is bracketed by `onreconnecting`/`onreconnected`, and `onclose` ends it until `start`.
 */
export class FakeConnection implements HubConnectionLike {
  state: ConnectionState = 'Disconnected';
  private _session: Session | null = null;
  private readonly _handlers = new Map<string, ((...args: never[]) => void)[]>();
  private readonly _close: ((error?: Error) => void)[] = [];
  private readonly _reconnecting: ((error?: Error) => void)[] = [];
  private readonly _reconnected: ((connectionId?: string) => void)[] = [];
  private readonly _pending = new Set<PendingCall>();
  /** Forced offline (like a browser without network): start and reconnect fail. */
  offline = false;
  invocations = 0;
  /** Drops the connection right after the next invoke; `reachesServer` says whether that call is processed. */
  dropAfterNextInvoke: { reachesServer: boolean } | null = null;
  /** Every invoke, for assertions: method and arguments. */
  readonly calls: { method: string; args: unknown[]; at: number }[] = [];

  constructor(
    private readonly _server: FakeHubServer,
    readonly userId: string,
    readonly name: string,
    readonly color: string,
  ) {}

  get sessionId(): string | null {
    return this._session?.id ?? null;
  }

  start(): Promise<void> {
    if (this.state !== 'Disconnected') {
      return Promise.reject(new Error("Cannot start a HubConnection that is not in the 'Disconnected' state."));
    }
    this.state = 'Connecting';
    return new Promise((resolve, reject) => {
      this._server.clock.setTimeout(() => {
        if (this.state !== 'Connecting') {
          reject(new Error('The connection was stopped during negotiation.'));
          return;
        }
        if (this.offline || this._server.rng.chance(this._server.faults.startFails)) {
          this.state = 'Disconnected';
          reject(new Error('Failed to complete negotiation with the server: TypeError: Failed to fetch'));
          return;
        }
        this._session = this._server.openSession(this, this.userId, this.name, this.color);
        this.state = 'Connected';
        resolve();
      }, this._server.latency() * 2);
    });
  }

  stop(): Promise<void> {
    if (this.state === 'Disconnected') {
      return Promise.resolve();
    }
    this._endSession(new Error('Invocation canceled due to the underlying connection being closed.'));
    this.state = 'Disconnected';
    for (const callback of this._close) {
      callback();
    }
    return Promise.resolve();
  }

  invoke<T = unknown>(methodName: string, ...args: unknown[]): Promise<T> {
    if (this.state !== 'Connected' || this._session === null) {
      return Promise.reject(new Error("Cannot send data if the connection is not in the 'Connected' State."));
    }
    this.invocations++;
    const session = this._session;
    const server = this._server;
    const request = JSON.parse(JSON.stringify(args)) as unknown[];
    this.calls.push({ method: methodName, args: request, at: server.clock.now() });
    const forced = this.dropAfterNextInvoke;
    this.dropAfterNextInvoke = null;
    const drop = forced !== null || server.rng.chance(server.faults.dropOnInvoke);
    // A call sent just before the transport breaks may or may not reach the server; its result is lost.
    const reachesServer = forced?.reachesServer ?? (!drop || server.rng.chance(server.faults.processLostCalls));
    const latency = server.latency();
    return new Promise<T>((resolve, reject) => {
      const call: PendingCall = { reject };
      this._pending.add(call);
      if (drop && !reachesServer) {
        server.clock.setTimeout(() => this.drop(), 0);
      }
      // A call that reaches the server may still be running when the transport breaks: then the
      // server commits it after the client has reconnected (and maybe already resent it).
      const late = drop && reachesServer && methodName === 'Submit' && server.rng.chance(0.5);
      server.clock.setTimeout(() => {
        if (!session.open && !late) {
          return;
        }
        if (drop) {
          server.stats.lostCallsProcessed++;
        }
        let outcome: { ok: true; value: unknown } | { ok: false; error: Error };
        try {
          outcome = { ok: true, value: JSON.parse(JSON.stringify(server.handle(session, methodName, request, late) ?? null)) };
        } catch (error) {
          outcome = { ok: false, error: error as Error };
        }
        server.clock.setTimeout(() => {
          if (!this._pending.has(call)) {
            return; // the connection dropped: the result is lost
          }
          this._pending.delete(call);
          if (outcome.ok) {
            resolve(outcome.value as T);
          } else {
            reject(outcome.error);
          }
        }, server.latency());
      }, late ? latency + server.rng.int(1, 200) : latency);
      if (drop && reachesServer) {
        server.clock.setTimeout(() => this.drop(), latency);
      }
    });
  }

  on(methodName: string, handler: (...args: never[]) => void): void {
    const list = this._handlers.get(methodName) ?? [];
    list.push(handler);
    this._handlers.set(methodName, list);
  }

  onclose(callback: (error?: Error) => void): void {
    this._close.push(callback);
  }

  onreconnecting(callback: (error?: Error) => void): void {
    this._reconnecting.push(callback);
  }

  onreconnected(callback: (connectionId?: string) => void): void {
    this._reconnected.push(callback);
  }

  /** Server → client message. */
  receive(method: string, payload: unknown): void {
    if (this.state !== 'Connected') {
      return;
    }
    for (const handler of this._handlers.get(method) ?? []) {
      (handler as (value: unknown) => void)(payload);
    }
  }

  /**
   * The transport breaks: pending calls reject, the server forgets the session, then SignalR's
   * automatic reconnect either gets a new connection or gives up (`onclose`).
   */
  drop(): void {
    if (this.state !== 'Connected') {
      return;
    }
    const server = this._server;
    server.stats.drops++;
    const error = new Error('WebSocket closed with status code: 1006 (no reason given).');
    this.state = 'Reconnecting';
    // SignalR rejects the pending calls and calls onreconnecting; the order of the continuations varies.
    if (server.rng.chance(0.5)) {
      this._endSession(new Error('Invocation canceled due to the underlying connection being closed.'));
      for (const callback of this._reconnecting) callback(error);
    } else {
      for (const callback of this._reconnecting) callback(error);
      this._endSession(new Error('Invocation canceled due to the underlying connection being closed.'));
    }
    const giveUp = server.rng.chance(server.faults.reconnectGivesUp);
    this._scheduleReconnect(giveUp, 0);
  }

  private _scheduleReconnect(giveUp: boolean, attempt: number): void {
    const server = this._server;
    server.clock.setTimeout(() => {
      if (this.state !== 'Reconnecting') {
        return;
      }
      if (giveUp || attempt > 20) {
        server.stats.gaveUp++;
        this.state = 'Disconnected';
        for (const callback of this._close) callback(new Error('Reconnect retries have been exhausted.'));
        return;
      }
      if (this.offline) {
        this._scheduleReconnect(false, attempt + 1);
        return;
      }
      this._session = server.openSession(this, this.userId, this.name, this.color);
      this.state = 'Connected';
      for (const callback of this._reconnected) callback(this._session.id);
    }, server.rng.int(1, 50) + attempt * 1000);
  }

  private _endSession(error: Error): void {
    const session = this._session;
    this._session = null;
    if (session !== null) {
      this._server.closeSession(session);
    }
    const pending = [...this._pending];
    this._pending.clear();
    for (const call of pending) {
      call.reject(error);
    }
  }
}
