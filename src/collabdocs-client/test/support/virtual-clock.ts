import type { Timers } from '../../src/index.js';
import type { Rng } from './rng.js';

interface Task {
  time: number;
  order: number;
  run: () => void;
}

/** Lets every pending promise continuation run (a macrotask turn drains the microtask queue). */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Virtual time for the client and the fake server. Tasks run in time order (ties in scheduling
 * order); after each task every promise continuation runs, so a run is fully determined by the seed.
 */
export class VirtualClock implements Timers {
  private _now = 0;
  private _order = 0;
  private readonly _tasks = new Map<number, Task>();

  constructor(private readonly _rng: Rng) {}

  now(): number {
    return this._now;
  }

  random(): number {
    return this._rng.next();
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this._order;
    this._tasks.set(id, { time: this._now + Math.max(0, ms), order: id, run: callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this._tasks.delete(handle as number);
  }

  get pending(): number {
    return this._tasks.size;
  }

  /** Runs the next task; false when there is none. */
  async step(): Promise<boolean> {
    let next: Task | undefined;
    for (const task of this._tasks.values()) {
      if (next === undefined || task.time < next.time || (task.time === next.time && task.order < next.order)) {
        next = task;
      }
    }
    if (next === undefined) {
      return false;
    }
    this._tasks.delete(next.order);
    this._now = next.time;
    next.run();
    await flushMicrotasks();
    return true;
  }

  /** Runs the tasks due within `ms` virtual ms, then moves the clock to that time. */
  async advance(ms: number): Promise<void> {
    const end = this._now + ms;
    await flushMicrotasks();
    for (;;) {
      let due = false;
      for (const task of this._tasks.values()) {
        if (task.time <= end) {
          due = true;
          break;
        }
      }
      if (!due || !(await this.step())) {
        break;
      }
    }
    this._now = Math.max(this._now, end);
    await flushMicrotasks();
  }

  /** Runs tasks until none is left (or `limit` virtual ms pass, which fails). */
  async runUntilIdle(limit = 10 * 60_000): Promise<void> {
    const end = this._now + limit;
    await flushMicrotasks();
    while (await this.step()) {
      if (this._now > end) {
        throw new Error(`Still busy after ${limit} virtual ms (${this._tasks.size} tasks pending).`);
      }
    }
  }

  /** Runs tasks until `promise` settles, and returns its value. */
  async drive<T>(promise: Promise<T>, limit = 10 * 60_000): Promise<T> {
    let settled = false;
    const watched = promise.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    const end = this._now + limit;
    await flushMicrotasks();
    while (!settled) {
      if (!(await this.step())) {
        await flushMicrotasks();
        if (!settled) {
          throw new Error('Nothing left to run but the promise has not settled.');
        }
        break;
      }
      if (this._now > end) {
        throw new Error(`Promise still pending after ${limit} virtual ms.`);
      }
    }
    return watched;
  }
}
