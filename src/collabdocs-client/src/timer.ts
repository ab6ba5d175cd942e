import { backoffDelay, type Timers } from './connection.js';

/** One timer slot: at most one pending callback, cleared by starting it again. */
export class Timer {
  private _handle: unknown = null;

  constructor(private readonly _timers: Timers) {}

  get isPending(): boolean {
    return this._handle !== null;
  }

  /** Runs `action` after `ms`, replacing a pending one. */
  start(ms: number, action: () => void): void {
    this.clear();
    this._handle = this._timers.setTimeout(() => {
      this._handle = null;
      action();
    }, ms);
  }

  /** Runs `action` after `ms` unless a callback is already pending. */
  ensure(ms: number, action: () => void): void {
    if (this._handle === null) {
      this.start(ms, action);
    }
  }

  /** Runs `action` after a backoff for `attempt`, or after the server's retry hint when given. */
  retry(attempt: number, action: () => void, retryAfterMs?: number): void {
    this.clear();
    const random = (): number => this._timers.random();
    const delay = retryAfterMs !== undefined ? retryAfterMs + Math.round(20 * random()) : Math.max(100, backoffDelay(attempt, random));
    this.start(delay, action);
  }

  clear(): void {
    if (this._handle !== null) {
      this._timers.clearTimeout(this._handle);
      this._handle = null;
    }
  }
}
