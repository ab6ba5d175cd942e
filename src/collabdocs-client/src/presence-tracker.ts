import type { PresenceMessage, SelectionRange } from './protocol.js';
import { clampRanges, transformRanges } from './selection.js';
import type { TextOperation } from './text-operation.js';

/** Another user's selection, in offsets of the local text (ready to draw). */
export interface RemotePresence {
  sessionId: string;
  userId: string;
  name: string;
  color: string;
  ranges: SelectionRange[];
}

interface StoredPresence {
  message: PresenceMessage;
  /** `ranges` are offsets in the text at this revision (never beyond the document's). */
  revision: number;
  ranges: SelectionRange[];
}

/** How many sessions that left are remembered (their ids are never reused). */
const maxLeftSessions = 1000;

/**
 * The other users' presence on one document. Each selection arrives in offsets of the text at its
 * `revision`; the tracker keeps the recent committed operations to move it to the client's revision,
 * holds one that is ahead until the client gets there, and forgets sessions that left.
 */
export class PresenceTracker {
  private readonly _presence = new Map<string, StoredPresence>();
  private readonly _ahead = new Map<string, PresenceMessage>();
  private readonly _left = new Set<string>();
  /** Sessions heard from since the current Join was sent: their broadcasts are newer than its snapshot. */
  private readonly _touched = new Set<string>();
  /** Committed operations in server form: `_history[i]` is revision `_historyStart + i`. */
  private _history: TextOperation[] = [];
  private _historyStart = 1;

  constructor(private readonly _maxHistory: number) {}

  get size(): number {
    return this._presence.size;
  }

  /** Records the committed operation of `revision` (in the server's form). */
  recordOperation(revision: number, operation: TextOperation, currentRevision: number): void {
    if (revision !== this._historyStart + this._history.length) {
      this._history = [];
      this._historyStart = revision;
    }
    this._history.push(operation);
    const excess = this._history.length - this._maxHistory;
    if (excess > 0) {
      this._history.splice(0, excess);
      this._historyStart += excess;
    }
    this._promote(revision > currentRevision ? revision : currentRevision);
  }

  /** The document was reloaded at `revision`: older operations are gone. */
  resetHistory(revision: number): void {
    this._history = [];
    this._historyStart = revision + 1;
  }

  /** A `Presence` broadcast; false when it is ignored (a session that left). */
  update(message: PresenceMessage, currentRevision: number): boolean {
    if (this._left.has(message.sessionId)) {
      return false;
    }
    this._touched.add(message.sessionId);
    this._store(message, currentRevision);
    return true;
  }

  /** A `PresenceLeft` broadcast; true when the session was shown. */
  remove(sessionId: string): boolean {
    this._left.add(sessionId);
    if (this._left.size > maxLeftSessions) {
      const oldest = this._left.values().next().value;
      if (oldest !== undefined) {
        this._left.delete(oldest);
      }
    }
    this._touched.add(sessionId);
    this._ahead.delete(sessionId);
    return this._presence.delete(sessionId);
  }

  /** A Join is being sent. */
  beginJoin(): void {
    this._touched.clear();
  }

  /**
   * The presence list of a Join result. Broadcasts received since the Join was sent are at least as
   * new (the server subscribes before it reads the snapshot), so they win.
   */
  applySnapshot(messages: readonly PresenceMessage[], currentRevision: number, ownSessionId: string | null): void {
    const snapshot = new Set<string>();
    for (const message of messages) {
      snapshot.add(message.sessionId);
      if (message.sessionId !== ownSessionId && !this._left.has(message.sessionId) && !this._touched.has(message.sessionId)) {
        this._store(message, currentRevision);
      }
    }
    for (const sessionId of [...this._presence.keys()]) {
      if (!snapshot.has(sessionId) && !this._touched.has(sessionId)) {
        this._presence.delete(sessionId);
        this._ahead.delete(sessionId);
      }
    }
  }

  /** The connection was lost: the next Join brings everything again. */
  clear(): void {
    this._presence.clear();
    this._ahead.clear();
  }

  /**
   * Every selection in offsets of the local text: moved to `currentRevision` through the history, then
   * through the client's pending operations (outstanding, then buffer).
   */
  list(currentRevision: number, textLength: number, pending: readonly TextOperation[]): RemotePresence[] {
    const result: RemotePresence[] = [];
    for (const [sessionId, stored] of this._presence) {
      this._bringUpToDate(stored, currentRevision, textLength);
      let ranges = stored.ranges;
      for (const operation of pending) {
        ranges = transformRanges(clampRanges(ranges, operation.baseLength), operation);
      }
      const m = stored.message;
      result.push({ sessionId, userId: m.userId, name: m.name, color: m.color, ranges });
    }
    return result;
  }

  private _store(message: PresenceMessage, currentRevision: number): void {
    if (message.ranges.length === 0) {
      this._presence.set(message.sessionId, { message, revision: message.revision, ranges: [] });
      this._ahead.delete(message.sessionId);
    } else if (message.revision > currentRevision) {
      // Offsets in a text the client has not seen yet: keep them until it gets there.
      this._ahead.set(message.sessionId, message);
      if (!this._presence.has(message.sessionId)) {
        this._presence.set(message.sessionId, { message, revision: currentRevision, ranges: [] });
      }
    } else {
      this._ahead.delete(message.sessionId);
      this._presence.set(message.sessionId, { message, revision: message.revision, ranges: message.ranges });
    }
  }

  private _promote(currentRevision: number): void {
    for (const [sessionId, message] of this._ahead) {
      if (message.revision <= currentRevision) {
        this._ahead.delete(sessionId);
        this._presence.set(sessionId, { message, revision: message.revision, ranges: message.ranges });
      }
    }
  }

  private _bringUpToDate(stored: StoredPresence, currentRevision: number, textLength: number): void {
    if (stored.revision >= currentRevision) {
      return;
    }
    if (stored.revision + 1 < this._historyStart) {
      // Older than the history kept: the best that can be done is to keep the offsets in range.
      stored.ranges = clampRanges(stored.ranges, textLength);
      stored.revision = currentRevision;
      return;
    }
    let ranges = stored.ranges;
    for (let r = stored.revision + 1; r <= currentRevision; r++) {
      const operation = this._history[r - this._historyStart];
      if (operation === undefined) {
        break;
      }
      ranges = transformRanges(clampRanges(ranges, operation.baseLength), operation);
    }
    stored.ranges = ranges;
    stored.revision = currentRevision;
  }
}
