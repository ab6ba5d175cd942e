import type { OperationComponent } from './text-operation.js';

/**
 * One client's unacknowledged edits of one document, as stored: enough to rebuild the local text and
 * resubmit the outstanding operation with the same `(clientId, seq)` after a reload.
 */
export interface PendingEdits {
  documentId: string;
  /** The client that wrote the record; with `documentId`, its key. */
  clientId: string;
  /** The server revision the edits are based on, and the server's text at that revision. */
  baseRevision: number;
  baseText: string;
  /**
   * The operation sent (or numbered to be sent) on `baseText`, with its `(clientId, seq)`; the
   * clientId is a former client's when the record was restored from one.
   */
  outstanding: { clientId: string; seq: number; operation: OperationComponent[] } | null;
  /** Later local edits on top of `outstanding`, composed, not numbered yet. */
  buffer: OperationComponent[] | null;
  /** When the record was written, in milliseconds since the Unix epoch. */
  updatedAt: number;
}

/**
 * Where a client keeps its pending edits (`CollabClientOptions.pendingStore`). Writes may be
 * synchronous (return nothing) or asynchronous (return a promise). The client calls `save` and
 * `remove` at once for every change, without waiting for a write in progress: an asynchronous store
 * must apply them in the order of the calls (IndexedDB does: read-write transactions on one object
 * store run in the order they were created).
 *
 * Ownership: a record belongs to the client that wrote or claimed it. `claim` hands a record to a new
 * client only when its owner is gone (its `register` released, or its page closed), and to one
 * claimant only, so two tabs on one document never take each other's edits.
 */
export interface PendingEditsStore {
  /** True when records survive a reload (IndexedDB); false for memory. */
  readonly durable: boolean;
  /** Marks `clientId` as alive until the returned function is called. */
  register(clientId: string): () => void;
  /** Takes over the records of `documentId` whose owners are gone (or are `claimant` itself). */
  claim(documentId: string, claimant: string): PendingEdits[] | Promise<PendingEdits[]>;
  /** Writes `record` (owned by its `clientId`) and deletes the records of `replaces` for the document, at once. */
  save(record: PendingEdits, replaces?: readonly string[]): void | Promise<void>;
  /** Deletes the records of `clientIds` for `documentId`. */
  remove(documentId: string, clientIds: readonly string[]): void | Promise<void>;
}

/**
 * The default store: records in memory, shared by the clients of one JavaScript realm (pass one
 * instance to several clients). Restores edits when a client is replaced in the same process (a
 * Node app that recreates its client), not across reloads: `durable` is false.
 */
export class MemoryPendingEditsStore implements PendingEditsStore {
  readonly durable = false;
  private readonly _records = new Map<string, { record: PendingEdits; owner: string }>();
  private readonly _alive = new Map<string, number>();

  register(clientId: string): () => void {
    this._alive.set(clientId, (this._alive.get(clientId) ?? 0) + 1);
    let released = false;
    return () => {
      if (!released) {
        released = true;
        const count = (this._alive.get(clientId) ?? 1) - 1;
        if (count > 0) {
          this._alive.set(clientId, count);
        } else {
          this._alive.delete(clientId);
        }
      }
    };
  }

  claim(documentId: string, claimant: string): PendingEdits[] {
    const claimed: PendingEdits[] = [];
    for (const entry of this._records.values()) {
      if (entry.record.documentId === documentId && (entry.owner === claimant || !this._alive.has(entry.owner))) {
        entry.owner = claimant;
        claimed.push({ ...entry.record });
      }
    }
    return claimed;
  }

  save(record: PendingEdits, replaces: readonly string[] = []): void {
    this.remove(record.documentId, replaces);
    this._records.set(key(record.documentId, record.clientId), { record: { ...record }, owner: record.clientId });
  }

  remove(documentId: string, clientIds: readonly string[]): void {
    for (const clientId of clientIds) {
      this._records.delete(key(documentId, clientId));
    }
  }

  /** The stored records (copies), for inspection. */
  records(): PendingEdits[] {
    return [...this._records.values()].map((entry) => ({ ...entry.record }));
  }
}

function key(documentId: string, clientId: string): string {
  return `${documentId}\u0000${clientId}`;
}
