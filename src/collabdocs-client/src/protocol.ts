import type { OperationComponent } from './text-operation.js';

/** Messages and results of the CollabDocs hub, exactly as on the wire (see docs/protocol.md). */

/** A selection end pair in UTF-16 offsets; a cursor has `anchor === head`. */
export interface SelectionRange {
  anchor: number;
  head: number;
}

/** The role of the caller on a document. */
export type DocumentRole = 'owner' | 'editor' | 'viewer';

/** A committed operation: an `Operation` broadcast, or an entry of `JoinResult.operations` / `GetOperations`. */
export interface OperationMessage {
  documentId: string;
  revision: number;
  operation: OperationComponent[];
  clientId: string;
  seq: number;
  userId?: string | null;
  /** Milliseconds since the Unix epoch (history results only). */
  timestamp?: number | null;
  /** `textChecksum` of the text at `revision` (broadcasts; null in history results). */
  checksum?: number | null;
}

/** Another connection's selection, in offsets of the text at `revision`. */
export interface PresenceMessage {
  documentId: string;
  sessionId: string;
  userId: string;
  name: string;
  color: string;
  revision: number;
  ranges: SelectionRange[];
}

/** `PresenceLeft`: the connection left, disconnected or went idle. */
export interface PresenceLeftMessage {
  documentId: string;
  sessionId: string;
}

/** `DocumentClosed`: the server already unsubscribed this connection. */
export interface DocumentClosedMessage {
  documentId: string;
  reason: 'deleted' | 'access_revoked' | (string & {});
}

/** The result of `Join`. Exactly one of `text` and `operations` is non-null. */
export interface JoinResult {
  documentId: string;
  revision: number;
  text: string | null;
  operations: OperationMessage[] | null;
  presence: PresenceMessage[] | null;
  role: DocumentRole;
  sessionId: string;
}

/** The result of `Submit`: the revision the operation was committed as (the acknowledgement). */
export interface SubmitResult {
  revision: number;
  /** `textChecksum` of the text at `revision`. */
  checksum?: number | null;
}

/** Hub method names (client → server). */
export const HubMethods = {
  join: 'Join',
  leave: 'Leave',
  submit: 'Submit',
  getOperations: 'GetOperations',
  updatePresence: 'UpdatePresence',
} as const;

/** Client method names (server → client). */
export const ClientMethods = {
  operation: 'Operation',
  presence: 'Presence',
  presenceLeft: 'PresenceLeft',
  documentClosed: 'DocumentClosed',
} as const;
