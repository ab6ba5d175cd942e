import { CollabDocument } from './collab-document.js';
import type { DocumentHost } from './document-events.js';
import { backoffDelay, createSignalRConnection, realTimers, type HubConnectionLike, type Timers } from './connection.js';
import type { CollabClientOptions, ConnectionState } from './client-options.js';
import { Emitter } from './emitter.js';
import { MemoryPendingEditsStore } from './pending-store.js';
import { watchNetwork } from './network.js';
import { CollabError } from './errors.js';
import {
  ClientMethods,
  type DocumentClosedMessage,
  type OperationMessage,
  type PresenceLeftMessage,
  type PresenceMessage,
} from './protocol.js';

/** Events of a `CollabClient`. */
export interface ClientEvents {
  connection: ConnectionState;
  error: CollabError;
}

/**
 * The connection to a CollabDocs server, shared by every document this client opens.
 *
 * It connects on the first `open` (or `start`), rejoins every open document after SignalR's automatic
 * reconnect, and when the connection closes for good keeps restarting it with backoff until `stop`.
 */
export class CollabClient {
  /** The id sent with every operation; one per client object (per page). */
  readonly clientId: string;
  private readonly _events = new Emitter<ClientEvents>();
  private readonly _connection: HubConnectionLike;
  private readonly _timers: Timers;
  private readonly _documents = new Map<string, CollabDocument>();
  private readonly _seqs = new Map<string, number>();
  private readonly _host: DocumentHost;
  private _state: ConnectionState = 'disconnected';
  private _stopped = true;
  private _loop: Promise<void> | null = null;
  private _loopWake: (() => void) | null = null;
  private _startWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private readonly _release: () => void;
  private readonly _unwatchNetwork: () => void;

  constructor(options: CollabClientOptions = {}) {
    this.clientId = options.clientId ?? globalThis.crypto.randomUUID();
    this._timers = options.timers ?? realTimers;
    const factory = options.connectionFactory ?? createSignalRConnection;
    this._connection = factory({
      url: options.url ?? '/hubs/docs',
      accessTokenFactory: options.accessTokenFactory,
      keepAliveIntervalMs: options.keepAliveIntervalMs ?? 5000,
      serverTimeoutMs: options.serverTimeoutMs ?? 12_000,
      hubProtocol: options.hubProtocol,
    });
    const pendingStore = options.pendingStore ?? new MemoryPendingEditsStore();
    this._release = pendingStore.register(this.clientId);

    const client = this;
    this._host = {
      clientId: this.clientId,
      timers: this._timers,
      presenceThrottleMs: options.presenceThrottleMs ?? 50,
      presenceHeartbeatMs: options.presenceHeartbeatMs ?? 30_000,
      minSubmitIntervalMs: options.minSubmitIntervalMs ?? 50,
      gapFillDelayMs: options.gapFillDelayMs ?? 300,
      maxHistory: options.maxHistory ?? 500,
      pendingStore,
      get isConnected() {
        return client._state === 'connected';
      },
      invoke: async <T>(method: string, ...args: unknown[]): Promise<T> => {
        try {
          return await this._connection.invoke<T>(method, ...args);
        } catch (error) {
          throw CollabError.fromInvokeError(error, method);
        }
      },
      nextSeq: (documentId) => {
        const seq = (this._seqs.get(documentId) ?? 0) + 1;
        this._seqs.set(documentId, seq);
        return seq;
      },
      detach: (document) => {
        if (this._documents.get(document.id) === document) {
          this._documents.delete(document.id);
        }
      },
    };

    this._connection.on(ClientMethods.operation, (message: OperationMessage) => {
      this._documents.get(message.documentId)?._onOperation(message);
    });
    this._connection.on(ClientMethods.presence, (message: PresenceMessage) => {
      this._documents.get(message.documentId)?._onPresence(message);
    });
    this._connection.on(ClientMethods.presenceLeft, (message: PresenceLeftMessage) => {
      this._documents.get(message.documentId)?._onPresenceLeft(message);
    });
    this._connection.on(ClientMethods.documentClosed, (message: DocumentClosedMessage) => {
      this._documents.get(message.documentId)?._onDocumentClosed(message.reason);
    });
    this._connection.onreconnecting(() => {
      this._setState('reconnecting');
      this._forEachDocument((d) => d._onDisconnected());
    });
    this._connection.onreconnected(() => {
      this._setState('connected');
      this._forEachDocument((d) => d._onConnected());
    });
    this._connection.onclose((error) => {
      const wasUp = this._state !== 'disconnected';
      this._setState('disconnected');
      this._forEachDocument((d) => d._onDisconnected());
      if (error !== undefined && wasUp) {
        this._events.emit('error', new CollabError('connection', error.message));
      }
      if (!this._stopped) {
        this._ensureLoop();
      }
    });
    this._unwatchNetwork =
      options.watchNetwork === false
        ? () => undefined
        : watchNetwork({
            offline: () => {
              // The socket is dead with the network: say so now instead of after the server timeout.
              if (this._state === 'connected' || this._state === 'reconnecting') {
                void this._connection.stop();
              }
            },
            online: () => this._loopWake?.(),
          });
  }

  /** The current connection state. */
  get connectionState(): ConnectionState {
    return this._state;
  }

  /** The documents currently open. */
  get documents(): readonly CollabDocument[] {
    return [...this._documents.values()];
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof ClientEvents>(event: K, handler: (value: ClientEvents[K]) => void): () => void {
    return this._events.on(event, handler);
  }

  /**
   * Connects (retrying with backoff until it succeeds or `stop` is called). Resolves once connected;
   * rejects only if `stop` is called first.
   */
  start(): Promise<void> {
    if (this._state === 'connected') {
      return Promise.resolve();
    }
    this._stopped = false;
    const connected = new Promise<void>((resolve, reject) => this._startWaiters.push({ resolve, reject }));
    this._ensureLoop();
    return connected;
  }

  /**
   * Opens a document: connects if needed, joins it and resolves once its text is loaded. Rejects with a
   * `CollabError` (`document_not_found`, `forbidden`, …) if the server refuses. Opening a document that
   * is already open returns the same object.
   */
  async open(documentId: string): Promise<CollabDocument> {
    const existing = this._documents.get(documentId);
    if (existing !== undefined) {
      await existing._whenOpened();
      return existing;
    }
    const document = new CollabDocument(documentId, this._host);
    this._documents.set(documentId, document);
    const opened = document._open();
    if (this._state !== 'connected') {
      void this.start().catch(() => undefined);
    }
    await opened;
    return document;
  }

  /** Closes every document and the connection, and stops reconnecting. */
  async stop(): Promise<void> {
    this._stopped = true;
    this._loopWake?.();
    await Promise.all([...this._documents.values()].map((d) => d.close()));
    const waiters = this._startWaiters;
    this._startWaiters = [];
    for (const waiter of waiters) {
      waiter.reject(new CollabError('connection', 'The client was stopped.'));
    }
    await this._connection.stop();
    this._setState('disconnected');
    this._unwatchNetwork();
    // Edits still pending stay in the store, and may now be claimed by another client.
    this._release();
  }

  private _ensureLoop(): void {
    if (this._loop === null) {
      this._loop = this._connectLoop().finally(() => {
        this._loop = null;
      });
    }
  }

  /** Starts the connection, retrying with backoff; then rejoins every open document. */
  private async _connectLoop(): Promise<void> {
    for (let attempt = 0; !this._stopped; attempt++) {
      if (attempt > 0) {
        await this._sleep(backoffDelay(attempt, () => this._timers.random()));
        if (this._stopped) {
          break;
        }
      }
      this._setState('connecting');
      try {
        await this._connection.start();
      } catch (error) {
        this._setState('disconnected');
        this._events.emit('error', CollabError.fromInvokeError(error, 'start'));
        continue;
      }
      if (this._stopped) {
        await this._connection.stop();
        break;
      }
      this._setState('connected');
      const waiters = this._startWaiters;
      this._startWaiters = [];
      for (const waiter of waiters) {
        waiter.resolve();
      }
      this._forEachDocument((d) => d._onConnected());
      return;
    }
  }

  private _sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = this._timers.setTimeout(() => {
        this._loopWake = null;
        resolve();
      }, ms);
      this._loopWake = () => {
        this._timers.clearTimeout(handle);
        this._loopWake = null;
        resolve();
      };
    });
  }

  private _setState(state: ConnectionState): void {
    if (this._state !== state) {
      this._state = state;
      this._events.emit('connection', state);
    }
  }

  private _forEachDocument(action: (document: CollabDocument) => void): void {
    for (const document of [...this._documents.values()]) {
      action(document);
    }
  }
}
