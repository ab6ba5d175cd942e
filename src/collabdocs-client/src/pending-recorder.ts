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
 * client): written after every change of the pending operations, one write at a time (the latest
 * state wins), removed once everything is acknowledged. An outstanding operation counts as stored
 * (and may be sent) once a write that contains it finished, so a `(clientId, seq)` is on disk
 * before the server can commit it.
 */
export class PendingRecorder {
  private _version = 0;
  private _savedVersion = 0;
  private _writing = false;
  private _again = false;
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

  /** The pending operations changed: write them (or remove the record when none are left). */
  changed(): void {
    this._version++;
    this._write();
  }

  private _write(): void {
    if (this._writing) {
      this._again = true;
      return;
    }
    const owner = this._owner;
    const submission = owner.state.outstanding;
    const version = this._version;
    const replaces = this._replaces;
    if (submission === null && !this._hasRecord && replaces.length === 0) {
      this._savedVersion = version;
      return;
    }
    this._replaces = [];
    let result: void | Promise<void>;
    try {
      result = submission === null ? this._store.remove(owner.id, [this._clientId, ...replaces]) : this._store.save(this._snapshot(), replaces);
    } catch (error) {
      result = Promise.reject(error);
    }
    const finished = (ok: boolean): void => {
      if (ok) {
        this._savedVersion = version;
        this._hasRecord = submission !== null;
      } else {
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
    this._writing = true;
    result
      .then(
        () => finished(true),
        (error: unknown) => {
          owner.reportError(new CollabError('client', `Could not store pending edits: ${(error as Error)?.message ?? String(error)}`, undefined, error));
          finished(false);
        },
      )
      .finally(() => {
        this._writing = false;
        if (this._again) {
          this._again = false;
          this._write();
        }
      });
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
