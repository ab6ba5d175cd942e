import type { CollabError } from './errors.js';
import type { Timers } from './connection.js';
import type { PendingEditsStore } from './pending-store.js';
import type { RemotePresence } from './presence-tracker.js';
import type { SyncState } from './sync-state.js';
import type { TextOperation } from './text-operation.js';

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
  /**
   * Pending edits based on a revision the server no longer has (history compacted, or
   * `revision_too_old`) were merged onto the current text by a three-way merge and submitted as a new
   * operation: nothing was dropped, but the user may want to check the result.
   */
  rebased: { revision: number; baseRevision: number };
  /**
   * The server's checksum of `revision` did not match this client's text there (it silently
   * diverged). The document resynchronises by itself, keeping pending edits (a `rebased` follows
   * when edits were pending).
   */
  diverged: { revision: number; expected: number; actual: number };
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
  readonly pendingStore: PendingEditsStore;
  readonly isConnected: boolean;
  /** Invokes a hub method; failures are `CollabError`s. */
  invoke<T>(method: string, ...args: unknown[]): Promise<T>;
  /** The next `seq` for operations of `documentId` from this client (1, 2, 3, …). */
  nextSeq(documentId: string): number;
  detach(document: { readonly id: string }): void;
}
