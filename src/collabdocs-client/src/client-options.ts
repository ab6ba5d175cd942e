import type { IHubProtocol } from '@microsoft/signalr';
import type { ConnectionFactoryOptions, HubConnectionLike, Timers } from './connection.js';
import type { PendingEditsStore } from './pending-store.js';

/** The state of the connection to the hub. */
export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

/** Options of `CollabClient`; every one has a safe default. */
export interface CollabClientOptions {
  /** Hub URL. Default `/hubs/docs`. */
  url?: string;
  /** Returns the JWT for the connection (called on every connect and reconnect). Omit for anonymous servers. */
  accessTokenFactory?: () => string | Promise<string>;
  /** This client's id for exactly-once submits. Default: a new `crypto.randomUUID()` per client object. */
  clientId?: string;
  /**
   * The hub protocol. Default: SignalR's JSON protocol. For MessagePack (smaller messages, less parsing on the
   * server) install `@microsoft/signalr-protocol-msgpack` and pass `new MessagePackHubProtocol()`; the server
   * offers it unless `CollabDocs:Hub:MessagePack` is false.
   */
  hubProtocol?: IHubProtocol;
  /** Creates the connection. Default: `@microsoft/signalr` with automatic reconnect. Tests inject a fake. */
  connectionFactory?: (options: ConnectionFactoryOptions) => HubConnectionLike;
  /** Timer functions. Default: the real clock. */
  timers?: Timers;
  /** Minimum interval between two presence updates of one document, in ms. Default 50. */
  presenceThrottleMs?: number;
  /**
   * An idle client re-sends its selection this often, in ms, so that the server (which shows a connection
   * as gone after 60 s without presence or submits) keeps showing a user who only reads. Default 30000;
   * 0 turns it off.
   */
  presenceHeartbeatMs?: number;
  /**
   * Minimum interval between two submits of a document, in ms; local changes meanwhile are composed
   * into one operation. Default 50 (20 per second: the server's per-connection rate limit).
   */
  minSubmitIntervalMs?: number;
  /** How long a gap in the revisions may stay open before `GetOperations` fills it, in ms. Default 300. */
  gapFillDelayMs?: number;
  /** How many committed operations per document are kept to move presence forward. Default 500. */
  maxHistory?: number;
  /**
   * Where unacknowledged edits are kept so a reopened page or app can resubmit them: for browsers
   * `new IndexedDbPendingEditsStore()`. Default: a `MemoryPendingEditsStore` of this client (not durable).
   */
  pendingStore?: PendingEditsStore;
  /** How often the client pings the server, in ms (SignalR keep-alive). Default 5000. */
  keepAliveIntervalMs?: number;
  /**
   * The connection counts as lost when nothing arrived from the server for this long, in ms. Must be
   * more than twice the server's keep-alive interval (CollabDocs:Hub:KeepAliveInterval). Default 12000.
   */
  serverTimeoutMs?: number;
  /**
   * Follow the browser's `offline` / `online` events (where there are any): drop the connection at
   * once when the network goes, reconnect at once when it is back. Default true.
   */
  watchNetwork?: boolean;
}
