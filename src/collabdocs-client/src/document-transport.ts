import { CollabError } from './errors.js';
import { HubMethods, type JoinResult } from './protocol.js';
import { RevisionOrder, type RevisionOrderOwner } from './revision-order.js';
import { Submitter, type SubmitterOwner } from './submitter.js';
import { Timer } from './timer.js';
import type { DocumentHost } from './document-events.js';

/** What the transport needs from its document (besides what ordering and submitting need). */
/** `joined` and `epoch` are read from the transport itself. */
export interface TransportOwner extends RevisionOrderOwner, SubmitterOwner {
  /** A Join is being sent: the others' presence is about to be replaced. */
  joining(): void;
  /** Join succeeded: the caller's role and presence id on the document. */
  joinedAs(result: JoinResult): void;
  /** Join sent the full text: the document starts over from it. */
  reset(revision: number, text: string): void;
  /**
   * Join sent the full text and the pending edits cannot be transformed to it: merge them onto it.
   * False when it must be tried again (the connection or the server failed meanwhile).
   */
  recover(revision: number, text: string, epoch: number): Promise<boolean>;
  /** The document is subscribed on this connection: publish presence again, resend what is pending. */
  live(result: JoinResult): void;
  /** The server refused the document for good. */
  shutdown(reason: string): void;
}

/** Join refusals not worth retrying, and the reason the document closes with. */
const fatalJoinErrors: Record<string, string> = {
  document_not_found: 'deleted',
  forbidden: 'access_revoked',
  invalid_argument: 'invalid_argument',
  limit_exceeded: 'limit_exceeded',
};

/**
 * One document's subscription over the client's connection: (re)joins with the revision it has,
 * catches up by revision, orders server events and submits. `epoch` changes whenever the connection
 * (and every call in progress on it) is gone, so late results of an old connection are ignored.
 */
export class DocumentTransport {
  readonly order: RevisionOrder;
  readonly submitter: Submitter;
  private _epoch = 0;
  private _joined = false;
  private _joinAttempt = 0;
  /** The next join must ask for the full text (after a resync). */
  private _fullJoinPending = false;
  private _opened: Promise<void> | null = null;
  private _firstJoin: { resolve: () => void; reject: (error: CollabError) => void } | null = null;
  private readonly _joinRetry: Timer;

  constructor(
    private readonly _owner: TransportOwner,
    private readonly _host: DocumentHost,
  ) {
    this.order = new RevisionOrder(_owner, _host);
    this.submitter = new Submitter(_owner, _host);
    this._joinRetry = new Timer(_host.timers);
  }

  get epoch(): number {
    return this._epoch;
  }

  get joined(): boolean {
    return this._joined;
  }

  /** Joins for the first time; resolves when the document has its text. */
  open(): Promise<void> {
    this._opened ??= new Promise<void>((resolve, reject) => {
      this._firstJoin = { resolve, reject };
      if (this._host.isConnected) {
        void this._join(false);
      }
    });
    return this._opened;
  }

  whenOpened(): Promise<void> {
    return this._opened ?? Promise.resolve();
  }

  /** A (new) connection is up: join again with the revision we have (once `open` was called). */
  connected(): void {
    if (this._opened !== null) {
      void this._join(false);
    }
  }

  /** The connection is lost: every subscription and in-flight call is gone with it. */
  disconnected(): void {
    this._epoch++;
    this._joined = false;
    const outstanding = this._owner.outstanding;
    if (outstanding !== null) {
      outstanding.inFlight = false;
    }
    this.order.stopTimer();
    this._joinRetry.clear();
    this.submitter.cancelRetry();
  }

  /**
   * Drops held events and joins again from the full text: `discard` drops the pending edits (the
   * client and the server disagree), `rebase` merges them onto the full text (history is gone).
   */
  resync(mode: 'discard' | 'rebase'): void {
    this.order.clear();
    this._epoch++;
    this._joined = false;
    this._fullJoinPending = mode === 'discard';
    if (this._host.isConnected) {
      void this._join(true);
    }
  }

  /** The document closed: ignore everything in progress; true if it was joined. */
  stop(): boolean {
    const wasJoined = this._joined;
    this._epoch++;
    this._joined = false;
    this.order.stopTimer();
    this._joinRetry.clear();
    this.submitter.stop();
    return wasJoined;
  }

  /** The document closed before its first join completed: reject `open`. */
  rejectOpen(error: CollabError): void {
    const first = this._firstJoin;
    this._firstJoin = null;
    first?.reject(error);
  }

  private async _join(full: boolean): Promise<void> {
    const owner = this._owner;
    const epoch = this._epoch;
    const attempt = ++this._joinAttempt;
    const current = (): boolean => epoch === this._epoch && attempt === this._joinAttempt && !owner.isClosed;
    this._joined = false;
    owner.joining();
    const known = full || this._fullJoinPending || owner.revision < 0 ? null : owner.revision;
    let result: JoinResult;
    try {
      result = await this._host.invoke<JoinResult>(HubMethods.join, owner.id, known);
    } catch (error) {
      if (current()) {
        this._onJoinFailed(CollabError.fromInvokeError(error, HubMethods.join), full);
      }
      return;
    }
    if (!current()) {
      return;
    }
    this._joined = true;
    owner.joinedAs(result);

    if (result.text !== null && result.text !== undefined) {
      const hasPending = owner.outstanding !== null;
      if (hasPending && known !== null && result.revision > known) {
        // Too far behind for Join to send operations; try to page them in so pending edits survive.
        const caughtUp = await this.order.catchUp(epoch, known, result.revision);
        if (!current()) {
          return;
        }
        if (!caughtUp && !(await this._recover(result, epoch, current))) {
          return;
        }
      } else if (hasPending && known === null && !this._fullJoinPending) {
        if (!(await this._recover(result, epoch, current))) {
          return;
        }
      } else if (!(hasPending && known === result.revision)) {
        owner.reset(result.revision, result.text);
      }
      this._fullJoinPending = false;
    } else {
      for (const message of result.operations ?? []) {
        this.order.enqueueOperation(message);
      }
    }

    owner.live(result);
    this.order.drain();

    const first = this._firstJoin;
    if (first !== null) {
      this._firstJoin = null;
      first.resolve();
    }
  }

  /** Merges the pending edits onto the full text; false (and a retry scheduled) when that must wait. */
  private async _recover(result: JoinResult, epoch: number, current: () => boolean): Promise<boolean> {
    const text = result.text ?? '';
    if (await this._owner.recover(result.revision, text, epoch)) {
      return current();
    }
    if (current()) {
      this._joined = false;
      this._joinRetry.retry(1, () => {
        if (this._host.isConnected && !this._owner.isClosed) {
          void this._join(true);
        }
      });
    }
    return false;
  }

  private _onJoinFailed(error: CollabError, full: boolean): void {
    if (error.code === 'connection') {
      // The client rejoins when the connection is back.
      return;
    }
    this._owner.reportError(error);
    const reason = fatalJoinErrors[error.code];
    if (reason !== undefined) {
      const first = this._firstJoin;
      this._firstJoin = null;
      this._owner.shutdown(reason);
      first?.reject(error);
      return;
    }
    // unavailable, rate_limited, or the known revision was refused: retry (from scratch for the latter).
    const fromScratch = full || (error.code !== 'unavailable' && error.code !== 'rate_limited');
    this._joinRetry.retry(1, () => {
      if (this._host.isConnected && !this._owner.isClosed) {
        void this._join(fromScratch);
      }
    });
  }
}
