import { Emitter } from './emitter';
import { CollabError } from './errors';
import type { Timers } from './connection';
import { backoffDelay } from './connection';
import {
  HubMethods,
  type DocumentRole,
  type JoinResult,
  type OperationMessage,
  type PresenceLeftMessage,
  type PresenceMessage,
  type SelectionRange,
  type SubmitResult,
} from './protocol';
import { PresenceTracker, type RemotePresence } from './presence-tracker';
import { clampRanges, rangesEqual, transformRanges } from './selection';
import { diff } from './diff';
import { TextOperation } from './text-operation';

/**
 * The ot.js client states: no local change pending; one operation sent and not yet acknowledged;
 * one sent plus later local changes composed into a buffer.
 */
export type SyncState = 'synchronized' | 'awaitingConfirm' | 'awaitingWithBuffer';

/** Whether the document is subscribed on the current connection. */
export type DocumentStatus = 'joining' | 'live' | 'offline' | 'closed';

/**
 * A change of the local text that did not come from `applyLocal`: apply `operation` to the editor.
 * `remote`: another client's operation (already transformed against local pending changes).
 * `reset`: the client resynchronised from the server's full text; `operation` turns the old local
 * text into the new one, and `discardedLocalChanges` tells whether unsent local edits were lost.
 */
export type DocumentChange =
  | { kind: 'remote'; operation: TextOperation; revision: number; userId: string | null; clientId: string }
  | { kind: 'reset'; operation: TextOperation; revision: number; discardedLocalChanges: boolean };

/** Events of a `CollabDocument`. */
export interface DocumentEvents {
  change: DocumentChange;
  presence: readonly RemotePresence[];
  state: SyncState;
  status: DocumentStatus;
  revision: number;
  error: CollabError;
  closed: { reason: string };
}

/** What a document needs from the client that owns the connection. */
export interface DocumentHost {
  readonly clientId: string;
  readonly timers: Timers;
  readonly presenceThrottleMs: number;
  readonly presenceHeartbeatMs: number;
  readonly minSubmitIntervalMs: number;
  readonly gapFillDelayMs: number;
  readonly maxHistory: number;
  readonly isConnected: boolean;
  /** Invokes a hub method; failures are `CollabError`s. */
  invoke<T>(method: string, ...args: unknown[]): Promise<T>;
  /** The next `seq` for operations of `documentId` from this client (1, 2, 3, …). */
  nextSeq(documentId: string): number;
  detach(document: CollabDocument): void;
}

interface Outstanding {
  operation: TextOperation;
  seq: number;
  /** A Submit for it is in progress on the connection of epoch `sentEpoch`. */
  inFlight: boolean;
  sentEpoch: number;
  /** The revision the server acknowledged it as, once known (the ack may still be held back). */
  ackedAs: number | null;
  retries: number;
}

type ServerEvent =
  | { kind: 'operation'; revision: number; message: OperationMessage }
  | { kind: 'ack'; revision: number; seq: number };

/**
 * One open document: the local text, the ot.js client state machine and the presence of others.
 * Obtain it from `CollabClient.open`. Local edits go in through `applyLocal`; remote edits come out as
 * `change` events, which must be applied to the editor synchronously.
 *
 * Server events (the acknowledgement of the outstanding operation and `Operation` broadcasts) are
 * processed strictly in revision order: later ones are held back, earlier or repeated ones ignored,
 * and a gap that stays open is filled with `GetOperations`.
 */
export class CollabDocument {
  private readonly _events = new Emitter<DocumentEvents>();
  private _text = '';
  private _revision = -1;
  private _role: DocumentRole = 'viewer';
  private _sessionId: string | null = null;
  private _status: DocumentStatus = 'joining';
  private _outstanding: Outstanding | null = null;
  private _buffer: TextOperation | null = null;
  private readonly _held = new Map<number, ServerEvent>();
  private readonly _others: PresenceTracker;

  private _epoch = 0;
  private _joined = false;
  private _joinAttempt = 0;
  /** The next join must ask for the full text (after a resync request). */
  private _fullJoinPending = false;
  private _opened: Promise<void> | null = null;
  private _firstJoin: { resolve: () => void; reject: (error: CollabError) => void } | null = null;
  private _gapTimer: unknown = null;
  private _gapFilling = false;
  private _joinRetryTimer: unknown = null;
  private _submitRetryTimer: unknown = null;
  private _submitDelayTimer: unknown = null;
  private _lastSubmitAt = -Infinity;

  private _localSelection: SelectionRange[] | null = null;
  private _selectionDirty = false;
  private _lastPresenceSentAt = -Infinity;
  private _presenceTimer: unknown = null;
  private _heartbeatTimer: unknown = null;
  private _syncWaiters: (() => void)[] = [];

  /** @internal Created by `CollabClient.open`. */
  constructor(
    readonly id: string,
    private readonly _host: DocumentHost,
  ) {
    this._others = new PresenceTracker(_host.maxHistory);
  }

  /** The local text: the server's text at `revision` plus the pending local changes. */
  get text(): string {
    return this._text;
  }

  /** The last server revision this client has applied (-1 before the first join). */
  get revision(): number {
    return this._revision;
  }

  /** The caller's role, from the last `Join`. */
  get role(): DocumentRole {
    return this._role;
  }

  /** The presence id of this connection on the document, from the last `Join`. */
  get sessionId(): string | null {
    return this._sessionId;
  }

  get status(): DocumentStatus {
    return this._status;
  }

  private get _isClosed(): boolean {
    return this._status === 'closed';
  }

  get state(): SyncState {
    return this._outstanding === null ? 'synchronized' : this._buffer === null ? 'awaitingConfirm' : 'awaitingWithBuffer';
  }

  /** True when local changes wait for the server (sent or not). */
  get hasPendingChanges(): boolean {
    return this._outstanding !== null;
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof DocumentEvents>(event: K, handler: (value: DocumentEvents[K]) => void): () => void {
    return this._events.on(event, handler);
  }

  /**
   * Applies a local edit made on the current local `text` (for example converted from an editor
   * transaction) and sends it when the state machine allows.
   */
  applyLocal(operation: TextOperation): void {
    if (this._isClosed) {
      throw new CollabError('client', `Document '${this.id}' is closed.`);
    }
    if (operation.baseLength !== this._text.length) {
      throw new CollabError(
        'client',
        `The operation's base length (${operation.baseLength}) does not match the local text (${this._text.length}).`,
      );
    }
    const before = this.state;
    this._text = operation.apply(this._text);
    if (this._localSelection !== null) {
      this._localSelection = transformRanges(this._localSelection, operation);
    }
    if (operation.isNoop()) {
      return;
    }
    if (this._outstanding === null) {
      this._outstanding = this._newOutstanding(operation);
      this._send();
    } else if (this._buffer === null) {
      this._buffer = operation;
    } else {
      this._buffer = this._buffer.compose(operation);
    }
    if (this.state !== before) {
      this._events.emit('state', this.state);
    }
  }

  /** Convenience for `applyLocal(TextOperation.splice(text.length, from, to, insert))`. */
  replace(from: number, to: number, insert: string): void {
    this.applyLocal(TextOperation.splice(this._text.length, from, to, insert));
  }

  /**
   * Publishes this user's selection, in offsets of the local text. Sent at once (throttled) while
   * synchronized; otherwise kept, moved along with later edits, and sent when the acknowledgements
   * bring the document back to synchronized. `[]` clears the selection.
   */
  setSelection(ranges: readonly SelectionRange[]): void {
    const clamped = clampRanges(ranges, this._text.length);
    if (this._localSelection !== null && rangesEqual(clamped, this._localSelection) && !this._selectionDirty) {
      return;
    }
    this._localSelection = clamped;
    this._selectionDirty = true;
    this._flushPresence();
  }

  /** The other users' selections, moved to the local text. */
  get presence(): RemotePresence[] {
    const pending: TextOperation[] = [];
    if (this._outstanding !== null) {
      pending.push(this._outstanding.operation);
    }
    if (this._buffer !== null) {
      pending.push(this._buffer);
    }
    const serverLength = pending[0]?.baseLength ?? this._text.length;
    return this._others.list(this._revision, serverLength, pending);
  }

  /** Resolves when no local change is pending (immediately if none is). */
  whenSynchronized(): Promise<void> {
    if (this._outstanding === null) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this._syncWaiters.push(resolve));
  }

  /** Unsubscribes (`Leave`) and stops processing. Local changes not yet acknowledged may be lost. */
  async close(): Promise<void> {
    if (this._isClosed) {
      return;
    }
    const wasJoined = this._joined;
    this._shutdown('closed by client');
    if (wasJoined && this._host.isConnected) {
      try {
        await this._host.invoke<void>(HubMethods.leave, this.id);
      } catch {
        // Leaving is best effort: the server drops the subscription on disconnect anyway.
      }
    }
  }

  // ---- connection lifecycle (called by CollabClient) ----

  /** @internal Joins for the first time; resolves when the document has its text. */
  _open(): Promise<void> {
    this._opened ??= new Promise<void>((resolve, reject) => {
      this._firstJoin = { resolve, reject };
      if (this._host.isConnected) {
        void this._join(false);
      }
    });
    return this._opened;
  }

  /** @internal Resolves once the first join succeeded. */
  _whenOpened(): Promise<void> {
    return this._opened ?? Promise.resolve();
  }

  /** @internal A (new) connection is up: join again with the revision we have. */
  _onConnected(): void {
    if (this._isClosed) {
      return;
    }
    void this._join(false);
  }

  /** @internal The connection is lost: every subscription and in-flight call is gone with it. */
  _onDisconnected(): void {
    if (this._isClosed) {
      return;
    }
    this._epoch++;
    this._joined = false;
    if (this._outstanding !== null) {
      this._outstanding.inFlight = false;
    }
    this._others.clear();
    this._clearTimer('_gapTimer');
    this._clearTimer('_joinRetryTimer');
    this._clearTimer('_submitRetryTimer');
    this._setStatus('offline');
    this._events.emit('presence', []);
  }

  /** @internal An `Operation` broadcast. */
  _onOperation(message: OperationMessage): void {
    if (this._isClosed || this._revision < 0) {
      return;
    }
    this._enqueue({ kind: 'operation', revision: message.revision, message });
  }

  /** @internal A `Presence` broadcast. */
  _onPresence(message: PresenceMessage): void {
    if (this._isClosed || message.sessionId === this._sessionId) {
      return;
    }
    if (this._others.update(message, this._revision)) {
      this._events.emit('presence', this.presence);
    }
  }

  /** @internal A `PresenceLeft` broadcast. */
  _onPresenceLeft(message: PresenceLeftMessage): void {
    if (this._others.remove(message.sessionId)) {
      this._events.emit('presence', this.presence);
    }
  }

  /** @internal A `DocumentClosed` message: the server already unsubscribed us. */
  _onDocumentClosed(reason: string): void {
    this._shutdown(reason);
  }

  // ---- joining ----

  private async _join(full: boolean): Promise<void> {
    const epoch = this._epoch;
    const attempt = ++this._joinAttempt;
    this._joined = false;
    this._others.beginJoin();
    this._setStatus('joining');
    const known = full || this._fullJoinPending || this._revision < 0 ? null : this._revision;
    let result: JoinResult;
    try {
      result = await this._host.invoke<JoinResult>(HubMethods.join, this.id, known);
    } catch (error) {
      if (epoch !== this._epoch || attempt !== this._joinAttempt || this._isClosed) {
        return;
      }
      this._onJoinFailed(CollabError.fromInvokeError(error, HubMethods.join), full);
      return;
    }
    if (epoch !== this._epoch || attempt !== this._joinAttempt || this._isClosed) {
      return;
    }
    this._joined = true;
    this._role = result.role;
    this._sessionId = result.sessionId;

    if (result.text !== null && result.text !== undefined) {
      const hasPending = this._outstanding !== null;
      if (hasPending && known !== null && result.revision > known) {
        // Too far behind for Join to send operations; try to page them in so pending edits survive.
        const caughtUp = await this._catchUp(epoch, known, result.revision);
        if (epoch !== this._epoch || attempt !== this._joinAttempt || this._isClosed) {
          return;
        }
        if (!caughtUp) {
          this._reset(result.revision, result.text);
        }
      } else if (!(hasPending && known === result.revision)) {
        this._reset(result.revision, result.text);
      }
      this._fullJoinPending = false;
    } else {
      for (const message of result.operations ?? []) {
        this._enqueue({ kind: 'operation', revision: message.revision, message });
      }
    }

    this._others.applySnapshot(result.presence ?? [], this._revision, this._sessionId);
    this._setStatus('live');
    this._events.emit('presence', this.presence);
    // Our operation was not among the results: resend it with the same seq (exactly-once makes it safe).
    this._send();
    this._selectionDirty = this._localSelection !== null;
    this._flushPresence();
    this._drain();

    const first = this._firstJoin;
    if (first !== null) {
      this._firstJoin = null;
      first.resolve();
    }
  }

  private _onJoinFailed(error: CollabError, full: boolean): void {
    if (error.code === 'connection') {
      // The client rejoins when the connection is back.
      return;
    }
    this._events.emit('error', error);
    // No point in retrying these: the document is gone, not ours, or cannot be joined by this connection.
    const fatal: Record<string, string> = {
      document_not_found: 'deleted',
      forbidden: 'access_revoked',
      invalid_argument: 'invalid_argument',
      limit_exceeded: 'limit_exceeded',
    };
    const reason = fatal[error.code];
    if (reason !== undefined) {
      const first = this._firstJoin;
      this._firstJoin = null;
      this._shutdown(reason);
      first?.reject(error);
      return;
    }
    // unavailable, rate_limited, or the known revision was refused: retry (from scratch for the latter).
    const fromScratch = full || (error.code !== 'unavailable' && error.code !== 'rate_limited');
    this._scheduleRetry('_joinRetryTimer', 1, () => {
      if (this._host.isConnected && !this._isClosed) {
        void this._join(fromScratch);
      }
    });
  }

  /** Pages in the operations `from+1 … to` with GetOperations; false when the server refuses. */
  private async _catchUp(epoch: number, from: number, to: number): Promise<boolean> {
    let at = from;
    try {
      while (at < to) {
        const page = await this._host.invoke<OperationMessage[]>(HubMethods.getOperations, this.id, at, to);
        if (epoch !== this._epoch || page.length === 0) {
          return false;
        }
        for (const message of page) {
          this._enqueue({ kind: 'operation', revision: message.revision, message });
        }
        at = page[page.length - 1]?.revision ?? to;
      }
      return this._revision >= to;
    } catch {
      return false;
    }
  }

  // ---- server events in revision order ----

  private _enqueue(event: ServerEvent): void {
    if (event.revision <= this._revision || this._held.has(event.revision)) {
      return;
    }
    this._held.set(event.revision, event);
    this._drain();
  }

  private _drain(): void {
    for (;;) {
      const next = this._held.get(this._revision + 1);
      if (next === undefined || this._isClosed) {
        break;
      }
      this._held.delete(this._revision + 1);
      this._process(next);
    }
    if (this._held.size === 0) {
      this._clearTimer('_gapTimer');
    } else if (this._gapTimer === null && this._joined) {
      this._gapTimer = this._host.timers.setTimeout(() => {
        this._gapTimer = null;
        void this._fillGap();
      }, this._host.gapFillDelayMs);
    }
  }

  private _process(event: ServerEvent): void {
    const outstanding = this._outstanding;
    const isOwn =
      event.kind === 'ack' ||
      (outstanding !== null && event.message.clientId === this._host.clientId && event.message.seq === outstanding.seq);
    if (isOwn) {
      if (outstanding === null || (event.kind === 'ack' && event.seq !== outstanding.seq)) {
        // An acknowledgement we cannot match: our state is not the server's.
        this._resync(new CollabError('client', `Unexpected acknowledgement of revision ${event.revision}.`));
        return;
      }
      this._acknowledge(event.revision, outstanding);
    } else if (event.kind === 'operation') {
      this._applyRemote(event.message);
    }
  }

  private _acknowledge(revision: number, outstanding: Outstanding): void {
    this._others.recordOperation(revision, outstanding.operation, this._revision);
    this._revision = revision;
    this._outstanding = null;
    if (this._buffer !== null) {
      this._outstanding = this._newOutstanding(this._buffer);
      this._buffer = null;
      this._send();
    }
    this._events.emit('revision', this._revision);
    this._events.emit('state', this.state);
    if (this._outstanding === null) {
      this._flushPresence();
      this._releaseSyncWaiters();
    }
  }

  private _applyRemote(message: OperationMessage): void {
    let operation: TextOperation;
    try {
      operation = TextOperation.fromJSON(message.operation);
      const serverLength = this._outstanding === null ? this._text.length : this._outstanding.operation.baseLength;
      if (operation.baseLength !== serverLength) {
        throw new Error(`Operation ${message.revision} has base length ${operation.baseLength}, the text has ${serverLength}.`);
      }
    } catch (error) {
      this._resync(new CollabError('client', `Cannot apply revision ${message.revision}: ${(error as Error).message}`));
      return;
    }
    this._others.recordOperation(message.revision, operation, this._revision);
    let local = operation;
    if (this._outstanding !== null) {
      const [outstandingPrime, remotePrime] = TextOperation.transform(this._outstanding.operation, local);
      this._outstanding.operation = outstandingPrime;
      local = remotePrime;
    }
    if (this._buffer !== null) {
      const [bufferPrime, remotePrime] = TextOperation.transform(this._buffer, local);
      this._buffer = bufferPrime;
      local = remotePrime;
    }
    this._text = local.apply(this._text);
    this._revision = message.revision;
    if (this._localSelection !== null) {
      this._localSelection = transformRanges(this._localSelection, local);
    }
    this._events.emit('change', {
      kind: 'remote',
      operation: local,
      revision: message.revision,
      userId: message.userId ?? null,
      clientId: message.clientId,
    });
    this._events.emit('revision', this._revision);
    if (this._others.size > 0) {
      this._events.emit('presence', this.presence);
    }
  }

  private async _fillGap(): Promise<void> {
    if (this._gapFilling || !this._joined || this._held.size === 0 || this._isClosed) {
      return;
    }
    this._gapFilling = true;
    const epoch = this._epoch;
    try {
      const upTo = Math.max(...this._held.keys());
      let from = this._revision;
      while (from < upTo && epoch === this._epoch) {
        const page = await this._host.invoke<OperationMessage[]>(HubMethods.getOperations, this.id, from, upTo);
        if (epoch !== this._epoch || page.length === 0) {
          break;
        }
        for (const message of page) {
          this._enqueue({ kind: 'operation', revision: message.revision, message });
        }
        from = page[page.length - 1]?.revision ?? upTo;
      }
    } catch (error) {
      const e = CollabError.fromInvokeError(error, HubMethods.getOperations);
      if (e.code !== 'connection') {
        this._events.emit('error', e);
      }
    } finally {
      this._gapFilling = false;
    }
    if (epoch === this._epoch) {
      this._drain();
    }
  }

  // ---- sending ----

  private _newOutstanding(operation: TextOperation): Outstanding {
    return { operation, seq: this._host.nextSeq(this.id), inFlight: false, sentEpoch: -1, ackedAs: null, retries: 0 };
  }

  private _send(): void {
    const p = this._outstanding;
    if (p === null || p.inFlight || p.ackedAs !== null || !this._joined || this._isClosed) {
      return;
    }
    // At most one submit per interval: keystrokes meanwhile are composed into the buffer.
    const wait = this._lastSubmitAt + this._host.minSubmitIntervalMs - this._host.timers.now();
    if (wait > 0) {
      this._submitDelayTimer ??= this._host.timers.setTimeout(() => {
        this._submitDelayTimer = null;
        this._send();
      }, wait);
      return;
    }
    this._lastSubmitAt = this._host.timers.now();
    p.inFlight = true;
    p.sentEpoch = this._epoch;
    const epoch = this._epoch;
    this._host
      .invoke<SubmitResult>(HubMethods.submit, this.id, this._revision, p.operation.toJSON(), this._host.clientId, p.seq)
      .then(
        (result) => {
          if (p.sentEpoch === epoch) {
            p.inFlight = false;
          }
          if (this._outstanding === p && !this._isClosed) {
            p.ackedAs = result.revision;
            this._enqueue({ kind: 'ack', revision: result.revision, seq: p.seq });
          }
        },
        (error: unknown) => {
          if (this._outstanding !== p || p.sentEpoch !== epoch || this._isClosed) {
            return;
          }
          p.inFlight = false;
          this._onSubmitFailed(CollabError.fromInvokeError(error, HubMethods.submit), p);
        },
      );
  }

  private _onSubmitFailed(error: CollabError, p: Outstanding): void {
    switch (error.code) {
      case 'connection':
        if (this._host.isConnected && this._joined) {
          // The call failed although the connection stayed up: try again.
          this._retrySubmit(p);
        }
        // Otherwise the rejoin after the reconnect resends it.
        return;
      case 'unavailable':
      case 'rate_limited':
        this._retrySubmit(p, error.retryAfterMs);
        return;
      default:
        // operation_mismatch, revision_in_future, revision_too_old and client bugs: start over from the server's text.
        this._resync(error);
    }
  }

  private _retrySubmit(p: Outstanding, retryAfterMs?: number): void {
    p.retries++;
    this._scheduleRetry('_submitRetryTimer', p.retries, () => this._send(), retryAfterMs);
  }

  /** Runs `action` after a backoff for `attempt`, or after the server's hint (`retry in N ms`) when given. */
  private _scheduleRetry(
    timer: '_joinRetryTimer' | '_submitRetryTimer' | '_presenceTimer',
    attempt: number,
    action: () => void,
    retryAfterMs?: number,
  ): void {
    this._clearTimer(timer);
    const random = (): number => this._host.timers.random();
    const delay = retryAfterMs !== undefined ? retryAfterMs + Math.round(20 * random()) : Math.max(100, backoffDelay(attempt, random));
    this[timer] = this._host.timers.setTimeout(() => {
      this[timer] = null;
      action();
    }, delay);
  }

  /** Reports `error` and joins again from the full text, discarding pending local changes. */
  private _resync(error: CollabError): void {
    this._events.emit('error', error);
    this._held.clear();
    this._epoch++;
    this._joined = false;
    this._fullJoinPending = true;
    if (this._host.isConnected) {
      void this._join(true);
    }
  }

  /** Replaces the local state with the server's text at `revision`. */
  private _reset(revision: number, text: string): void {
    const discarded = this._outstanding !== null;
    const operation = diff(this._text, text);
    this._text = text;
    this._revision = revision;
    this._outstanding = null;
    this._buffer = null;
    for (const key of [...this._held.keys()]) {
      if (key <= revision) {
        this._held.delete(key);
      }
    }
    this._others.resetHistory(revision);
    if (this._localSelection !== null) {
      this._localSelection = clampRanges(transformRanges(this._localSelection, operation), text.length);
    }
    if (!operation.isNoop() || discarded) {
      this._events.emit('change', { kind: 'reset', operation, revision, discardedLocalChanges: discarded });
    }
    this._events.emit('revision', revision);
    this._events.emit('state', this.state);
    this._releaseSyncWaiters();
  }

  // ---- presence ----

  private _flushPresence(): void {
    if (!this._selectionDirty || !this._joined || this._outstanding !== null || this._isClosed) {
      return;
    }
    if (this._presenceTimer !== null) {
      return;
    }
    const wait = this._lastPresenceSentAt + this._host.presenceThrottleMs - this._host.timers.now();
    if (wait > 0) {
      this._presenceTimer = this._host.timers.setTimeout(() => {
        this._presenceTimer = null;
        this._flushPresence();
      }, wait);
      return;
    }
    const ranges = this._localSelection ?? [];
    this._selectionDirty = false;
    this._lastPresenceSentAt = this._host.timers.now();
    // The server shows a connection as gone after a minute without presence or submits: re-send the
    // selection now and then, so a user who only reads stays in the others' presence list.
    this._clearTimer('_heartbeatTimer');
    if (this._host.presenceHeartbeatMs > 0) {
      this._heartbeatTimer = this._host.timers.setTimeout(() => {
        this._heartbeatTimer = null;
        this._selectionDirty = true;
        this._flushPresence();
      }, this._host.presenceHeartbeatMs);
    }
    const epoch = this._epoch;
    this._host.invoke<void>(HubMethods.updatePresence, this.id, this._revision, ranges).catch((error: unknown) => {
      const e = CollabError.fromInvokeError(error, HubMethods.updatePresence);
      if (epoch !== this._epoch || e.code === 'connection') {
        return; // republished after the rejoin
      }
      if (e.code === 'rate_limited' || e.code === 'unavailable') {
        this._selectionDirty = true;
        this._scheduleRetry('_presenceTimer', 1, () => this._flushPresence(), e.retryAfterMs);
        return;
      }
      this._events.emit('error', e);
    });
  }

  // ---- misc ----

  private _shutdown(reason: string): void {
    if (this._isClosed) {
      return;
    }
    this._epoch++;
    this._joined = false;
    this._clearTimer('_gapTimer');
    this._clearTimer('_joinRetryTimer');
    this._clearTimer('_submitRetryTimer');
    this._clearTimer('_submitDelayTimer');
    this._clearTimer('_presenceTimer');
    this._clearTimer('_heartbeatTimer');
    this._setStatus('closed');
    this._host.detach(this);
    this._releaseSyncWaiters();
    this._events.emit('closed', { reason });
  }

  private _releaseSyncWaiters(): void {
    const waiters = this._syncWaiters;
    this._syncWaiters = [];
    for (const resolve of waiters) {
      resolve();
    }
  }

  private _setStatus(status: DocumentStatus): void {
    if (this._status !== status) {
      this._status = status;
      this._events.emit('status', status);
    }
  }

  private _clearTimer(name: '_gapTimer' | '_joinRetryTimer' | '_submitRetryTimer' | '_submitDelayTimer' | '_presenceTimer' | '_heartbeatTimer'): void {
    if (this[name] !== null) {
      this._host.timers.clearTimeout(this[name]);
      this[name] = null;
    }
  }
}
