/**
 * CollabDocs TypeScript client: OT (ot.js-compatible `TextOperation`), the ot.js client state machine
 * over the CollabDocs SignalR hub, presence, and the HTTP API. See README.md.
 */
export { CollabClient, type ClientEvents } from './collab-client.js';
export type { CollabClientOptions, ConnectionState } from './client-options.js';
export { CollabDocument } from './collab-document.js';
export type { DocumentChange, DocumentEvents, DocumentStatus } from './document-events.js';
export type { SyncState } from './sync-state.js';
export { MemoryPendingEditsStore, type PendingEdits, type PendingEditsStore } from './pending-store.js';
export { IndexedDbPendingEditsStore, type IndexedDbPendingEditsStoreOptions } from './indexeddb-pending-store.js';
export { diff, diffMinimal, threeWayMerge } from './diff.js';
export { textChecksum } from './checksum.js';
export type { RemotePresence } from './presence-tracker.js';
export {
  backoffDelay,
  createSignalRConnection,
  realTimers,
  type ConnectionFactoryOptions,
  type HubConnectionLike,
  type Timers,
} from './connection.js';
export { CollabError, parseHubErrorCode, type CollabErrorCode, type HubErrorCode } from './errors.js';
export { DocumentsApi, HttpError, requestDevToken, type DevToken, type DocumentSummary, type DocumentText } from './http-api.js';
export type {
  DocumentClosedMessage,
  DocumentRole,
  JoinResult,
  OperationMessage,
  PresenceLeftMessage,
  PresenceMessage,
  SelectionRange,
  SubmitResult,
} from './protocol.js';
export { clampRanges, rangesEqual, transformRanges } from './selection.js';
export {
  TextOperation,
  isDelete,
  isInsert,
  isRetain,
  isWellFormedUtf16,
  splitsSurrogatePair,
  type OperationComponent,
} from './text-operation.js';
