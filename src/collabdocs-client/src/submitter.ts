import { CollabError } from './errors.js';
import { HubMethods, type SubmitResult } from './protocol.js';
import type { Submission } from './sync-state.js';
import { Timer } from './timer.js';
import type { DocumentHost } from './document-events.js';

/** What the submitter needs from its document. */
export interface SubmitterOwner {
  readonly id: string;
  readonly revision: number;
  readonly isClosed: boolean;
  readonly joined: boolean;
  readonly epoch: number;
  /** Nothing may be sent (pending edits are being merged onto a full text). */
  readonly paused: boolean;
  /** The operation waiting for its acknowledgement, if any. */
  readonly outstanding: Submission | null;
  /** The server committed `submission` as `revision` (processed in revision order by the owner). */
  acknowledged(submission: Submission, revision: number, checksum?: number | null): void;
  /** The server refused the operation for good (operation_mismatch, revision_too_old, …). */
  refused(error: CollabError): void;
}

/**
 * Sends the outstanding operation with `Submit`: at most one in flight, at most one per
 * `minSubmitIntervalMs`, retried with the same `(clientId, seq)` after failures that changed nothing.
 */
export class Submitter {
  private readonly _delay: Timer;
  private readonly _retry: Timer;
  private _lastSubmitAt = -Infinity;

  constructor(
    private readonly _owner: SubmitterOwner,
    private readonly _host: DocumentHost,
  ) {
    this._delay = new Timer(_host.timers);
    this._retry = new Timer(_host.timers);
  }

  /** Sends the outstanding operation unless it is not stored yet, in flight, acknowledged, or the document is not joined. */
  send(): void {
    const owner = this._owner;
    const p = owner.outstanding;
    if (p === null || !p.stored || p.inFlight || p.ackedAs !== null || !owner.joined || owner.isClosed || owner.paused) {
      return;
    }
    // At most one submit per interval: keystrokes meanwhile are composed into the buffer.
    const timers = this._host.timers;
    const wait = this._lastSubmitAt + this._host.minSubmitIntervalMs - timers.now();
    if (wait > 0) {
      this._delay.ensure(wait, () => this.send());
      return;
    }
    this._lastSubmitAt = timers.now();
    p.inFlight = true;
    p.sentEpoch = owner.epoch;
    const epoch = owner.epoch;
    this._host
      .invoke<SubmitResult>(HubMethods.submit, owner.id, owner.revision, p.operation.toJSON(), p.clientId, p.seq)
      .then(
        (result) => {
          if (p.sentEpoch === epoch) {
            p.inFlight = false;
          }
          if (owner.outstanding === p && !owner.isClosed) {
            p.ackedAs = result.revision;
            owner.acknowledged(p, result.revision, result.checksum);
          }
        },
        (error: unknown) => {
          if (owner.outstanding !== p || p.sentEpoch !== epoch || owner.isClosed) {
            return;
          }
          p.inFlight = false;
          this._onFailed(CollabError.fromInvokeError(error, HubMethods.submit), p);
        },
      );
  }

  /** The connection is gone: the rejoin resends. */
  cancelRetry(): void {
    this._retry.clear();
  }

  stop(): void {
    this._retry.clear();
    this._delay.clear();
  }

  private _onFailed(error: CollabError, p: Submission): void {
    switch (error.code) {
      case 'connection':
        if (this._host.isConnected && this._owner.joined) {
          // The call failed although the connection stayed up: try again.
          this._retrySubmit(p);
        }
        // Otherwise the rejoin after the reconnect resends it.
        return;
      case 'unavailable':
      case 'rate_limited':
        this._retrySubmit(p, error.retryAfterMs);
        return;
      default:
        this._owner.refused(error);
    }
  }

  private _retrySubmit(p: Submission, retryAfterMs?: number): void {
    p.retries++;
    this._retry.retry(p.retries, () => this.send(), retryAfterMs);
  }
}
