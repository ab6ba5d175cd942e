/**
 * CollabDocs TypeScript client: OT (ot.js-compatible `TextOperation`), the ot.js client state machine
 * over the CollabDocs SignalR hub, presence, and the HTTP API. See web-demo/README.md.
 */
export { CollabClient, type CollabClientOptions, type ClientEvents, type ConnectionState } from './collab-client';
export {
  CollabDocument,
  type DocumentChange,
  type DocumentEvents,
  type DocumentStatus,
  type SyncState,
} from './collab-document';
export { diff } from './diff';
export type { RemotePresence } from './presence-tracker';
export {
  backoffDelay,
  createSignalRConnection,
  realTimers,
  type ConnectionFactoryOptions,
  type HubConnectionLike,
  type Timers,
} from './connection';
export { CollabError, parseHubErrorCode, type CollabErrorCode, type HubErrorCode } from './errors';
export { DocumentsApi, HttpError, requestDevToken, type DevToken, type DocumentSummary, type DocumentText } from './http-api';
export type {
  DocumentClosedMessage,
  DocumentRole,
  JoinResult,
  OperationMessage,
  PresenceLeftMessage,
  PresenceMessage,
  SelectionRange,
  SubmitResult,
} from './protocol';
export { clampRanges, rangesEqual, transformRanges } from './selection';
export {
  TextOperation,
  isDelete,
  isInsert,
  isRetain,
  isWellFormedUtf16,
  splitsSurrogatePair,
  type OperationComponent,
} from './text-operation';
