import { CollabError } from './errors.js';
import { HubMethods, type PresenceLeftMessage, type PresenceMessage, type SelectionRange } from './protocol.js';
import { PresenceTracker, type RemotePresence } from './presence-tracker.js';
import { clampRanges, rangesEqual, transformRanges } from './selection.js';
import type { TextOperation } from './text-operation.js';
import { Timer } from './timer.js';
import type { DocumentHost } from './document-events.js';

/** What presence needs from its document. */
export interface PresenceOwner {
  readonly id: string;
  readonly revision: number;
  readonly isClosed: boolean;
  readonly joined: boolean;
  readonly epoch: number;
  readonly textLength: number;
  /** The pending local operations, oldest first (empty while synchronized). */
  pendingOperations(): TextOperation[];
  reportError(error: CollabError): void;
}

/**
 * Presence on one document: this user's selection (published throttled, only while synchronized, and
 * re-sent as a heartbeat while idle) and the other users' selections moved to the local text.
 */
export class DocumentPresence {
  /** The others' presence, moved through committed operations. */
  readonly others: PresenceTracker;
  private _selection: SelectionRange[] | null = null;
  private _dirty = false;
  private _lastSentAt = -Infinity;
  private readonly _throttle: Timer;
  private readonly _heartbeat: Timer;

  constructor(
    private readonly _owner: PresenceOwner,
    private readonly _host: DocumentHost,
  ) {
    this.others = new PresenceTracker(_host.maxHistory);
    this._throttle = new Timer(_host.timers);
    this._heartbeat = new Timer(_host.timers);
  }

  /** The other users' selections, in offsets of the local text. */
  list(): RemotePresence[] {
    const pending = this._owner.pendingOperations();
    const serverLength = pending[0]?.baseLength ?? this._owner.textLength;
    return this.others.list(this._owner.revision, serverLength, pending);
  }

  /** Records this user's selection (clamped to the text) and publishes it when allowed. */
  setSelection(ranges: readonly SelectionRange[]): void {
    const clamped = clampRanges(ranges, this._owner.textLength);
    if (this._selection !== null && rangesEqual(clamped, this._selection) && !this._dirty) {
      return;
    }
    this._selection = clamped;
    this._dirty = true;
    this.flush();
  }

  /** Moves this user's selection through an operation applied to the local text. */
  moveSelection(operation: TextOperation, clampTo?: number): void {
    if (this._selection !== null) {
      const moved = transformRanges(this._selection, operation);
      this._selection = clampTo === undefined ? moved : clampRanges(moved, clampTo);
    }
  }

  /** After a (re)join: the server forgot the selection, publish it again. */
  republish(): void {
    this._dirty = this._selection !== null;
    this.flush();
  }

  /** A `Presence` broadcast; true when the list changed. */
  onPresence(message: PresenceMessage): boolean {
    return this.others.update(message, this._owner.revision);
  }

  /** A `PresenceLeft` broadcast; true when the list changed. */
  onPresenceLeft(message: PresenceLeftMessage): boolean {
    return this.others.remove(message.sessionId);
  }

  stop(): void {
    this._throttle.clear();
    this._heartbeat.clear();
  }

  /** Publishes the selection if it changed, throttled, and only while synchronized. */
  flush(): void {
    const owner = this._owner;
    if (!this._dirty || !owner.joined || owner.pendingOperations().length > 0 || owner.isClosed) {
      return;
    }
    if (this._throttle.isPending) {
      return;
    }
    const timers = this._host.timers;
    const wait = this._lastSentAt + this._host.presenceThrottleMs - timers.now();
    if (wait > 0) {
      this._throttle.start(wait, () => this.flush());
      return;
    }
    const ranges = this._selection ?? [];
    this._dirty = false;
    this._lastSentAt = timers.now();
    // The server shows a connection as gone after a minute without presence or submits: re-send the
    // selection now and then, so a user who only reads stays in the others' presence list.
    this._heartbeat.clear();
    if (this._host.presenceHeartbeatMs > 0) {
      this._heartbeat.start(this._host.presenceHeartbeatMs, () => {
        this._dirty = true;
        this.flush();
      });
    }
    const epoch = owner.epoch;
    this._host.invoke<void>(HubMethods.updatePresence, owner.id, owner.revision, ranges).catch((error: unknown) => {
      const e = CollabError.fromInvokeError(error, HubMethods.updatePresence);
      if (epoch !== owner.epoch || e.code === 'connection') {
        return; // republished after the rejoin
      }
      if (e.code === 'rate_limited' || e.code === 'unavailable') {
        this._dirty = true;
        this._throttle.retry(1, () => this.flush(), e.retryAfterMs);
        return;
      }
      owner.reportError(e);
    });
  }
}
