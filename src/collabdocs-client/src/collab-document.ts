import { Emitter } from './emitter.js';
import { CollabError } from './errors.js';
import { HubMethods, type DocumentRole, type OperationMessage, type PresenceLeftMessage, type PresenceMessage, type SelectionRange } from './protocol.js';
import type { RemotePresence } from './presence-tracker.js';
import { TextOperation } from './text-operation.js';
import type { SyncState } from './sync-state.js';
import { DocumentCore } from './document-core.js';
import type { DocumentEvents, DocumentHost, DocumentStatus } from './document-events.js';

/**
 * One open document: the local text, the ot.js client state machine and the presence of others.
 * Obtain it from `CollabClient.open`. Local edits go in through `applyLocal`; remote edits come out as
 * `change` events, which must be applied to the editor synchronously.
 *
 * Inside: `DocumentCore` (text, revision, ot.js state in `sync-state.ts`), `DocumentTransport` (join,
 * catch-up, revision order and gap fill, submits) and `DocumentPresence`.
 */
export class CollabDocument {
  private readonly _events = new Emitter<DocumentEvents>();
  private readonly _core: DocumentCore;
  private _opening: Promise<void> | null = null;

  /** @internal Created by `CollabClient.open`. */
  constructor(
    readonly id: string,
    private readonly _host: DocumentHost,
  ) {
    this._core = new DocumentCore(id, _host, this._events, this);
  }

  /** The local text: the server's text at `revision` plus the pending local changes. */
  get text(): string {
    return this._core.text;
  }

  /** The last server revision this client has applied (-1 before the first join). */
  get revision(): number {
    return this._core.revision;
  }

  /** The caller's role, from the last `Join`. */
  get role(): DocumentRole {
    return this._core.role;
  }

  /** The presence id of this connection on the document, from the last `Join`. */
  get sessionId(): string | null {
    return this._core.sessionId;
  }

  get status(): DocumentStatus {
    return this._core.status;
  }

  get state(): SyncState {
    return this._core.state.name;
  }

  /** True when local changes wait for the server (sent or not). */
  /** How many checksum mismatches this document has seen (see the `diverged` event). */
  get divergences(): number {
    return this._core.divergences;
  }

  get hasPendingChanges(): boolean {
    return this._core.state.outstanding !== null;
  }

  /**
   * True while local changes are neither acknowledged by the server nor written to a durable
   * `pendingStore`: leaving the page now would lose them (the demo warns on `beforeunload`).
   */
  get hasUnsavedEdits(): boolean {
    return this._core.recorder.hasUnsavedEdits;
  }

  /** True when the document opened with pending edits a former client (a closed tab) left in the store. */
  get restoredEdits(): boolean {
    return this._core.restoredEdits;
  }

  /** The other users' selections, moved to the local text. */
  get presence(): RemotePresence[] {
    return this._core.presence.list();
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof DocumentEvents>(event: K, handler: (value: DocumentEvents[K]) => void): () => void {
    return this._events.on(event, handler);
  }

  /**
   * Applies a local edit made on the current local `text` (for example converted from an editor
   * transaction) and sends it when the state machine allows.
   */
  applyLocal(operation: TextOperation): void {
    const core = this._core;
    if (core.isClosed) {
      throw new CollabError('client', `Document '${this.id}' is closed.`);
    }
    if (operation.baseLength !== core.text.length) {
      throw new CollabError(
        'client',
        `The operation's base length (${operation.baseLength}) does not match the local text (${core.text.length}).`,
      );
    }
    core.applyLocal(operation);
  }

  /** Convenience for `applyLocal(TextOperation.splice(text.length, from, to, insert))`. */
  replace(from: number, to: number, insert: string): void {
    this.applyLocal(TextOperation.splice(this._core.text.length, from, to, insert));
  }

  /**
   * Publishes this user's selection, in offsets of the local text. Sent at once (throttled) while
   * synchronized; otherwise kept, moved along with later edits, and sent when the acknowledgements
   * bring the document back to synchronized. `[]` clears the selection.
   */
  setSelection(ranges: readonly SelectionRange[]): void {
    this._core.presence.setSelection(ranges);
  }

  /** Resolves when no local change is pending (immediately if none is). */
  whenSynchronized(): Promise<void> {
    return this._core.whenSynchronized();
  }

  /**
   * Unsubscribes (`Leave`) and stops processing. Local changes not yet acknowledged stay in the
   * `pendingStore` and are resubmitted when the document is opened again.
   */
  async close(): Promise<void> {
    const core = this._core;
    if (core.isClosed) {
      return;
    }
    const wasJoined = core.joined;
    core.shutdown('closed by client');
    if (wasJoined && this._host.isConnected) {
      try {
        await this._host.invoke<void>(HubMethods.leave, this.id);
      } catch {
        // Leaving is best effort: the server drops the subscription on disconnect anyway.
      }
    }
  }

  // ---- connection lifecycle (called by CollabClient) ----

  /**
   * @internal Restores stored pending edits, then joins for the first time; resolves when the
   * document has its text.
   */
  _open(): Promise<void> {
    this._opening ??= this._core.restore().then(() => this._core.transport.open());
    return this._opening;
  }

  /** @internal Resolves once the first join succeeded. */
  _whenOpened(): Promise<void> {
    return this._opening ?? Promise.resolve();
  }

  /** @internal A (new) connection is up: join again with the revision we have. */
  _onConnected(): void {
    if (!this._core.isClosed) {
      this._core.transport.connected();
    }
  }

  /** @internal The connection is lost: every subscription and in-flight call is gone with it. */
  _onDisconnected(): void {
    const core = this._core;
    if (core.isClosed) {
      return;
    }
    core.transport.disconnected();
    core.presence.others.clear();
    core.setStatus('offline');
    this._events.emit('presence', []);
  }

  /** @internal An `Operation` broadcast. */
  _onOperation(message: OperationMessage): void {
    if (!this._core.isClosed && this._core.revision >= 0) {
      this._core.transport.order.enqueueOperation(message);
    }
  }

  /** @internal A `Presence` broadcast. */
  _onPresence(message: PresenceMessage): void {
    const core = this._core;
    if (core.isClosed) {
      return;
    }
    if (message.sessionId !== core.sessionId && core.presence.onPresence(message)) {
      this._events.emit('presence', this.presence);
    }
    // Presence is sent after the operations before it: a later revision means a broadcast was missed.
    if (core.joined && core.revision >= 0) {
      core.transport.order.heard(message.revision);
    }
  }

  /** @internal A `PresenceLeft` broadcast. */
  _onPresenceLeft(message: PresenceLeftMessage): void {
    if (this._core.presence.onPresenceLeft(message)) {
      this._events.emit('presence', this.presence);
    }
  }

  /** @internal A `DocumentClosed` message: the server already unsubscribed us. */
  _onDocumentClosed(reason: string): void {
    this._core.shutdown(reason);
  }
}
