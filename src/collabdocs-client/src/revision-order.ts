import { CollabError } from './errors.js';
import type { OperationMessage } from './protocol.js';
import { HubMethods } from './protocol.js';
import { Timer } from './timer.js';
import type { DocumentHost } from './document-events.js';

/** A server event that takes a revision: another client's operation, or the acknowledgement of ours. */
export type ServerEvent =
  | { kind: 'operation'; revision: number; message: OperationMessage; checksum?: number | null }
  | { kind: 'ack'; revision: number; seq: number; checksum?: number | null };

/** What the revision order needs from its document. */
export interface RevisionOrderOwner {
  readonly id: string;
  /** The last revision applied. */
  readonly revision: number;
  readonly isClosed: boolean;
  /** Subscribed on the current connection. */
  readonly joined: boolean;
  /** Changes whenever the connection (and every call in progress on it) is gone. */
  readonly epoch: number;
  /** Pending edits are being merged onto a full text: hold every event until that is done. */
  readonly paused: boolean;
  process(event: ServerEvent): void;
  reportError(error: CollabError): void;
  /** The server no longer has the operations after our revision: start over from its full text. */
  historyGone(): void;
}

/**
 * Server events processed strictly in revision order: later ones are held back, earlier or repeated
 * ones ignored, and a gap that stays open is filled with `GetOperations` (gap fill by revision). A
 * revision heard of without its operation (a presence broadcast made at a later revision) opens a gap
 * too: that is how a client notices it missed the last broadcast.
 */
export class RevisionOrder {
  private readonly _held = new Map<number, ServerEvent>();
  private readonly _gapTimer: Timer;
  private _filling = false;
  /** The highest revision the server said exists (0 when none was heard of beyond the events). */
  private _heard = 0;

  constructor(
    private readonly _owner: RevisionOrderOwner,
    private readonly _host: DocumentHost,
  ) {
    this._gapTimer = new Timer(_host.timers);
  }

  enqueueOperation(message: OperationMessage): void {
    this.enqueue({ kind: 'operation', revision: message.revision, message, checksum: message.checksum });
  }

  enqueue(event: ServerEvent): void {
    if (event.revision <= this._owner.revision || this._held.has(event.revision)) {
      return;
    }
    this._held.set(event.revision, event);
    this.drain();
  }

  /** The server has reached `revision` (for example, a presence broadcast made at it). */
  heard(revision: number): void {
    if (revision > this._heard) {
      this._heard = revision;
      this.drain();
    }
  }

  private get _missing(): boolean {
    return this._held.size > 0 || this._heard > this._owner.revision;
  }

  /** Processes every held event that is next in line; arms the gap fill while a gap remains. */
  drain(): void {
    for (;;) {
      const next = this._held.get(this._owner.revision + 1);
      if (next === undefined || this._owner.isClosed || this._owner.paused) {
        break;
      }
      this._held.delete(this._owner.revision + 1);
      this._owner.process(next);
    }
    if (!this._missing) {
      this._gapTimer.clear();
    } else if (!this._gapTimer.isPending && this._owner.joined) {
      this._gapTimer.start(this._host.gapFillDelayMs, () => void this._fillGap());
    }
  }

  /** Forgets every held event (the document starts over from the server's text). */
  clear(): void {
    this._held.clear();
  }

  /** Forgets the held events up to `revision` (now part of the text). */
  dropUpTo(revision: number): void {
    for (const key of [...this._held.keys()]) {
      if (key <= revision) {
        this._held.delete(key);
      }
    }
  }

  stopTimer(): void {
    this._gapTimer.clear();
  }

  /** Pages in the operations `from+1 … to` with GetOperations; false when the server refuses. */
  async catchUp(epoch: number, from: number, to: number): Promise<boolean> {
    let at = from;
    try {
      while (at < to) {
        const page = await this._host.invoke<OperationMessage[]>(HubMethods.getOperations, this._owner.id, at, to);
        if (epoch !== this._owner.epoch || page.length === 0) {
          return false;
        }
        for (const message of page) {
          this.enqueueOperation(message);
        }
        at = page[page.length - 1]?.revision ?? to;
      }
      return this._owner.revision >= to;
    } catch {
      return false;
    }
  }

  private async _fillGap(): Promise<void> {
    const owner = this._owner;
    if (this._filling || !owner.joined || !this._missing || owner.isClosed) {
      return;
    }
    this._filling = true;
    const epoch = owner.epoch;
    try {
      const upTo = Math.max(this._heard, ...this._held.keys());
      let from = owner.revision;
      while (from < upTo && epoch === owner.epoch) {
        const page = await this._host.invoke<OperationMessage[]>(HubMethods.getOperations, owner.id, from, upTo);
        if (epoch !== owner.epoch || page.length === 0) {
          break;
        }
        for (const message of page) {
          this.enqueueOperation(message);
        }
        from = page[page.length - 1]?.revision ?? upTo;
      }
    } catch (error) {
      const e = CollabError.fromInvokeError(error, HubMethods.getOperations);
      if (e.code === 'revision_too_old') {
        this._filling = false;
        owner.historyGone();
        return;
      }
      if (e.code !== 'connection') {
        owner.reportError(e);
      }
    } finally {
      this._filling = false;
    }
    if (epoch === owner.epoch) {
      this.drain();
    }
  }
}
