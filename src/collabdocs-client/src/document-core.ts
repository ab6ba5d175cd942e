import type { Emitter } from './emitter.js';
import { CollabError } from './errors.js';
import type { DocumentRole, JoinResult, OperationMessage } from './protocol.js';
import { diff } from './diff.js';
import { TextOperation } from './text-operation.js';
import { Synchronized, pendingOperations, type ClientState, type Submission } from './sync-state.js';
import { PendingRecorder, type RecorderOwner } from './pending-recorder.js';
import { recoverPending, restorePending } from './pending-recovery.js';
import type { ServerEvent } from './revision-order.js';
import { DocumentTransport, type TransportOwner } from './document-transport.js';
import { DocumentPresence, type PresenceOwner } from './document-presence.js';
import type { DocumentEvents, DocumentHost, DocumentStatus } from './document-events.js';
import { verifyChecksum } from './divergence.js';

/**
 * The state of one open document behind `CollabDocument`: the local text, the server revision it
 * is based on and the ot.js client state, driven by local edits and by server events that the
 * transport delivers in revision order. Presence and the transport are its collaborators.
 */
export class DocumentCore implements TransportOwner, PresenceOwner, RecorderOwner {
  text = '';
  revision = -1;
  /** The server's text at `revision`: `text` without the pending operations. */
  serverText = '';
  /** Pending edits of a former client were restored from the store when the document opened. */
  restoredEdits = false;
  role: DocumentRole = 'viewer';
  sessionId: string | null = null;
  status: DocumentStatus = 'joining';
  state: ClientState = Synchronized.instance;
  /** Checksum mismatches seen; `repairing` from one until the rejoin that repairs it. */
  divergences = 0;
  repairing = false;
  readonly transport: DocumentTransport;
  readonly presence: DocumentPresence;
  readonly recorder: PendingRecorder;
  private _syncWaiters: (() => void)[] = [];

  constructor(
    readonly id: string,
    readonly host: DocumentHost,
    readonly events: Emitter<DocumentEvents>,
    /** The object handed to `DocumentHost.detach` on shutdown. */
    private readonly _handle: { readonly id: string },
  ) {
    this.transport = new DocumentTransport(this, host);
    this.presence = new DocumentPresence(this, host);
    this.recorder = new PendingRecorder(this, host.pendingStore, host.clientId, host.timers);
  }

  get isClosed(): boolean {
    return this.status === 'closed';
  }

  get joined(): boolean {
    return this.transport.joined;
  }

  get epoch(): number {
    return this.transport.epoch;
  }

  get paused(): boolean {
    return this.transport.recovering;
  }

  get outstanding(): Submission | null {
    return this.state.outstanding;
  }

  get textLength(): number {
    return this.text.length;
  }

  pendingOperations(): TextOperation[] {
    return pendingOperations(this.state);
  }

  reportError(error: CollabError): void {
    this.events.emit('error', error);
  }

  /** A local edit on the current text (already checked to fit). */
  applyLocal(operation: TextOperation): void {
    const before = this.state;
    this.text = operation.apply(this.text);
    this.presence.moveSelection(operation);
    if (operation.isNoop()) {
      return;
    }
    this.state = this.state.applyClient(operation, this.newSubmission);
    this.recorder.changed();
    if (this.state.outstanding !== before.outstanding) {
      this.transport.submitter.send();
    }
    if (this.state.name !== before.name) {
      this.events.emit('state', this.state.name);
    }
  }

  whenSynchronized(): Promise<void> {
    if (this.state.outstanding === null) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this._syncWaiters.push(resolve));
  }

  // ---- called by the transport ----

  joining(): void {
    this.presence.others.beginJoin();
    this.setStatus('joining');
  }

  joinedAs(result: JoinResult): void {
    this.role = result.role;
    this.sessionId = result.sessionId;
  }

  live(result: JoinResult): void {
    this.repairing = false;
    this.presence.others.applySnapshot(result.presence ?? [], this.revision, this.sessionId);
    this.setStatus('live');
    this.events.emit('presence', this.presence.list());
    // Our operation was not among the results: resend it with the same seq (exactly-once makes it safe).
    this.transport.submitter.send();
    this.presence.republish();
  }

  acknowledged(submission: Submission, revision: number, checksum?: number | null): void {
    this.transport.order.enqueue({ kind: 'ack', revision, seq: submission.seq, checksum });
  }

  refused(error: CollabError): void {
    if (error.code === 'revision_too_old') {
      this.historyGone();
      return;
    }
    // operation_mismatch, revision_in_future and client bugs: start over from the server's text.
    this.resync(error);
  }

  /** The server's history no longer reaches our revision: rejoin from its text, merging pending edits (`rebased`). */
  historyGone(): void {
    this.transport.resync('rebase');
  }

  stored(): void {
    this.transport.submitter.send();
  }

  /** Restores the newest pending edits a former client left for this document (before the first join). */
  restore(): Promise<void> {
    return restorePending(this);
  }

  recover(revision: number, text: string, epoch: number): Promise<boolean> {
    return recoverPending(this, revision, text, epoch);
  }

  process(event: ServerEvent): void {
    const outstanding = this.state.outstanding;
    const isOwn =
      event.kind === 'ack' ||
      (outstanding !== null && event.message.clientId === outstanding.clientId && event.message.seq === outstanding.seq);
    if (isOwn) {
      if (outstanding === null || (event.kind === 'ack' && event.seq !== outstanding.seq)) {
        // An acknowledgement we cannot match: our state is not the server's.
        this.resync(new CollabError('client', `Unexpected acknowledgement of revision ${event.revision}.`));
        return;
      }
      this._acknowledge(event.revision, outstanding);
    } else if (event.kind === 'operation') {
      this._applyRemote(event.message);
    }
    verifyChecksum(this, event);
  }

  /** Reports `error` and joins again from the full text, discarding pending local changes. */
  resync(error: CollabError): void {
    this.events.emit('error', error);
    this.transport.resync('discard');
  }

  /** Replaces the local state with the server's text at `revision`. */
  reset(revision: number, text: string): void {
    const discarded = this.state.outstanding !== null;
    const operation = diff(this.text, text);
    this.text = text;
    this.serverText = text;
    this.revision = revision;
    this.state = Synchronized.instance;
    this.recorder.changed();
    this.transport.order.dropUpTo(revision);
    this.presence.others.resetHistory(revision);
    this.presence.moveSelection(operation, text.length);
    if (!operation.isNoop() || discarded) {
      this.events.emit('change', { kind: 'reset', operation, revision, discardedLocalChanges: discarded });
    }
    this.events.emit('revision', revision);
    this.events.emit('state', this.state.name);
    this.releaseSyncWaiters();
  }

  shutdown(reason: string): void {
    if (this.isClosed) {
      return;
    }
    this.transport.stop();
    this.presence.stop();
    this.setStatus('closed');
    this.host.detach(this._handle);
    this.releaseSyncWaiters();
    this.events.emit('closed', { reason });
  }

  setStatus(status: DocumentStatus): void {
    if (this.status !== status) {
      this.status = status;
      this.events.emit('status', status);
    }
  }

  /** Gives a local operation this client's next `(clientId, seq)`. */
  readonly newSubmission = (operation: TextOperation): Submission => ({
    operation,
    clientId: this.host.clientId,
    seq: this.host.nextSeq(this.id),
    inFlight: false,
    sentEpoch: -1,
    ackedAs: null,
    retries: 0,
    stored: false,
  });

  private _acknowledge(revision: number, outstanding: Submission): void {
    this.presence.others.recordOperation(revision, outstanding.operation, this.revision);
    this.revision = revision;
    this.state = this.state.serverAck(this.newSubmission);
    this.serverText = this.state.outstanding === null ? this.text : outstanding.operation.apply(this.serverText);
    this.recorder.changed();
    this.transport.submitter.send();
    this.events.emit('revision', this.revision);
    this.events.emit('state', this.state.name);
    if (this.state.outstanding === null) {
      this.presence.flush();
      this.releaseSyncWaiters();
    }
  }

  private _applyRemote(message: OperationMessage): void {
    let operation: TextOperation;
    try {
      operation = TextOperation.fromJSON(message.operation);
      const serverLength = this.state.outstanding?.operation.baseLength ?? this.text.length;
      if (operation.baseLength !== serverLength) {
        throw new Error(`Operation ${message.revision} has base length ${operation.baseLength}, the text has ${serverLength}.`);
      }
    } catch (error) {
      this.resync(new CollabError('client', `Cannot apply revision ${message.revision}: ${(error as Error).message}`));
      return;
    }
    this.presence.others.recordOperation(message.revision, operation, this.revision);
    const [state, local] = this.state.applyServer(operation);
    this.state = state;
    this.text = local.apply(this.text);
    this.serverText = state.outstanding === null ? this.text : operation.apply(this.serverText);
    this.revision = message.revision;
    if (state.outstanding !== null) {
      this.recorder.changed();
    }
    this.presence.moveSelection(local);
    this.events.emit('change', {
      kind: 'remote',
      operation: local,
      revision: message.revision,
      userId: message.userId ?? null,
      clientId: message.clientId,
    });
    this.events.emit('revision', this.revision);
    if (this.presence.others.size > 0) {
      this.events.emit('presence', this.presence.list());
    }
  }

  /** @internal Resolves `whenSynchronized` callers. */
  releaseSyncWaiters(): void {
    const waiters = this._syncWaiters;
    this._syncWaiters = [];
    for (const resolve of waiters) {
      resolve();
    }
  }
}
