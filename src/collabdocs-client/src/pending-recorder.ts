import { CollabError } from './errors.js';
import type { PendingEdits, PendingEditsStore } from './pending-store.js';
import type { ClientState } from './sync-state.js';
import type { Timers } from './connection.js';

/** What the recorder reads from its document. */
export interface RecorderOwner {
  readonly id: string;
  readonly revision: number;
  /** The server's text at `revision` (the local text without the pending operations). */
  readonly serverText: string;
  readonly state: ClientState;
  reportError(error: CollabError): void;
  /** A write finished: the outstanding operation it covered may be sent now. */
  stored(): void;
}

/**
 * Keeps a document's unacknowledged edits in the `PendingEditsStore`, one record per (document,
 * client): written after every change of the pending operations, removed once everything is
 * acknowledged. Every change goes to the store at once, in the same task, even while an earlier write
 * is still in progress (the store applies writes in the order it gets them), so a page that unloads
 * right after a keystroke has already handed that keystroke over. An outstanding operation counts as
 * stored (and may be sent) once a write that contains it finished, so a `(clientId, seq)` is on disk
 * before the server can commit it.
 */
export class PendingRecorder {
  private _version = 0;
  private _savedVersion = 0;
  /** The store may hold this client's record: a save was issued after the last remove. */
  private _hasRecord = false;
  /** Claimed records of former clients, deleted with the next write. */
  private _replaces: string[] = [];

  constructor(
    private readonly _owner: RecorderOwner,
    private readonly _store: PendingEditsStore,
    private readonly _clientId: string,
    private readonly _timers: Timers,
  ) {}

  /** True while local edits are neither acknowledged nor stored durably. */
  get hasUnsavedEdits(): boolean {
    return this._owner.state.outstanding !== null && (!this._store.durable || this._savedVersion !== this._version);
  }

  /**
   * Takes over the document's records left by clients that are gone; returns the newest (the others
   * stay claimed by this client, so nobody else takes them, and come back on a later open).
   */
  async claim(): Promise<PendingEdits | null> {
    const records = await this._store.claim(this._owner.id, this._clientId);
    let newest: PendingEdits | null = null;
    for (const record of records) {
      if (record.outstanding !== null && (newest === null || record.updatedAt > newest.updatedAt)) {
        newest = record;
      }
    }
    if (newest !== null) {
      this._replaces = [newest.clientId];
      this._hasRecord = true;
    }
    return newest;
  }

  /** The pending operations changed: write them now (or remove the record when none are left). */
  changed(): void {
    this._version++;
    this._write();
  }

  private _write(): void {
    const owner = this._owner;
    const submission = owner.state.outstanding;
    const version = this._version;
    const replaces = this._replaces;
    if (submission === null && !this._hasRecord && replaces.length === 0) {
      this._saved(version);
      return;
    }
    this._replaces = [];
    this._hasRecord = submission !== null;
    let result: void | Promise<void>;
    try {
      result = submission === null ? this._store.remove(owner.id, [this._clientId, ...replaces]) : this._store.save(this._snapshot(), replaces);
    } catch (error) {
      result = Promise.reject(error);
    }
    const finished = (ok: boolean): void => {
      if (ok) {
        this._saved(version);
      } else {
        // Whether the store still has a record is unknown now: the next write deals with it.
        this._hasRecord = true;
        this._replaces = [...replaces, ...this._replaces];
      }
      if (submission !== null) {
        // Sent even when the write failed: the server keeps it then, only a reload could lose it.
        submission.stored = true;
      }
      owner.stored();
    };
    if (result === undefined) {
      finished(true);
      return;
    }
    result.then(
      () => finished(true),
      (error: unknown) => {
        owner.reportError(new CollabError('client', `Could not store pending edits: ${(error as Error)?.message ?? String(error)}`, undefined, error));
        finished(false);
      },
    );
  }

  private _saved(version: number): void {
    this._savedVersion = Math.max(this._savedVersion, version);
  }

  private _snapshot(): PendingEdits {
    const { state, revision, serverText, id } = this._owner;
    const outstanding = state.outstanding;
    return {
      documentId: id,
      clientId: this._clientId,
      baseRevision: revision,
      baseText: serverText,
      outstanding: outstanding === null ? null : { clientId: outstanding.clientId, seq: outstanding.seq, operation: outstanding.operation.toJSON() },
      buffer: state.buffer?.toJSON() ?? null,
      updatedAt: this._timers.now(),
    };
  }
}
