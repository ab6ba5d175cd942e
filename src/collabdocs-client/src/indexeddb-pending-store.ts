import type { PendingEdits, PendingEditsStore } from './pending-store.js';

export interface IndexedDbPendingEditsStoreOptions {
  /** Default 'collabdocs-pending-edits'. */
  databaseName?: string;
  /** Default `globalThis.indexedDB`. */
  indexedDB?: IDBFactory;
  /** Default `navigator.locks` (Web Locks), which tells live tabs from closed ones; null: this page only. */
  locks?: LockManager | null;
}

type Entry = PendingEdits & { owner: string };

const storeName = 'pending';
const clientLock = (clientId: string): string => `collabdocs-client:${clientId}`;

/**
 * Pending edits in IndexedDB, for browsers: they survive a reload or a crash. Each client holds a Web
 * Lock named after its clientId while it lives (the browser releases it when the tab closes), and
 * `claim` runs under a per-document lock, so a record goes to one new tab only and never to another
 * live tab. Without Web Locks only the clients of this page count as alive.
 */
export class IndexedDbPendingEditsStore implements PendingEditsStore {
  readonly durable = true;
  private readonly _name: string;
  private readonly _factory: IDBFactory;
  private readonly _locks: LockManager | null;
  private readonly _localAlive = new Set<string>();
  private _db: Promise<IDBDatabase> | null = null;
  private _database: IDBDatabase | null = null;
  /** Writes made before the database was open, still to start (in order, before any later one). */
  private _waitingForOpen = 0;

  constructor(options: IndexedDbPendingEditsStoreOptions = {}) {
    this._name = options.databaseName ?? 'collabdocs-pending-edits';
    const factory = options.indexedDB ?? globalThis.indexedDB;
    if (factory === undefined) {
      throw new Error('IndexedDB is not available here; use MemoryPendingEditsStore.');
    }
    this._factory = factory;
    this._locks = options.locks !== undefined ? options.locks : (globalThis.navigator?.locks ?? null);
  }

  /** True where IndexedDB exists (browsers). */
  static isAvailable(): boolean {
    return typeof globalThis.indexedDB !== 'undefined';
  }

  register(clientId: string): () => void {
    this._localAlive.add(clientId);
    let release = (): void => undefined;
    if (this._locks !== null) {
      const held = new Promise<void>((resolve) => (release = resolve));
      this._locks.request(clientLock(clientId), () => held).catch(() => undefined);
    }
    return () => {
      this._localAlive.delete(clientId);
      release();
    };
  }

  async claim(documentId: string, claimant: string): Promise<PendingEdits[]> {
    const run = async (): Promise<PendingEdits[]> => {
      const alive = new Set(this._localAlive);
      for (const lock of (await this._locks?.query())?.held ?? []) {
        if (lock.name?.startsWith('collabdocs-client:')) {
          alive.add(lock.name.slice('collabdocs-client:'.length));
        }
      }
      const db = await this._open();
      return new Promise<PendingEdits[]>((resolve, reject) => {
        const tx = db.transaction(storeName, 'readwrite');
        const store = tx.objectStore(storeName);
        const claimed: PendingEdits[] = [];
        const request = store.index('documentId').getAll(documentId) as IDBRequest<Entry[]>;
        request.onsuccess = () => {
          for (const entry of request.result) {
            if (entry.owner === claimant || !alive.has(entry.owner)) {
              store.put({ ...entry, owner: claimant });
              const { owner: _, ...record } = entry;
              claimed.push(record);
            }
          }
        };
        tx.oncomplete = () => resolve(claimed);
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB claim failed.'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB claim aborted.'));
      });
    };
    return this._locks === null ? run() : this._locks.request(`collabdocs-claim:${documentId}`, run);
  }

  save(record: PendingEdits, replaces: readonly string[] = []): Promise<void> {
    return this._write((store) => {
      for (const clientId of replaces) {
        store.delete([record.documentId, clientId]);
      }
      store.put({ ...record, owner: record.clientId } satisfies Entry);
    });
  }

  remove(documentId: string, clientIds: readonly string[]): Promise<void> {
    if (clientIds.length === 0) {
      return Promise.resolve();
    }
    return this._write((store) => {
      for (const clientId of clientIds) {
        store.delete([documentId, clientId]);
      }
    });
  }

  /**
   * Starts the write's transaction at once when the database is open (in the caller's task, so a
   * write made just before the page unloads is already with the browser). Read-write transactions
   * on one object store run in the order they were created: the latest write wins.
   */
  private _write(write: (store: IDBObjectStore) => void): Promise<void> {
    const db = this._database;
    if (db !== null && this._waitingForOpen === 0) {
      return complete(db, write);
    }
    this._waitingForOpen++;
    return this._open().then(
      (opened) => {
        this._waitingForOpen--;
        return complete(opened, write);
      },
      (error: unknown) => {
        this._waitingForOpen--;
        throw error;
      },
    );
  }

  private _open(): Promise<IDBDatabase> {
    this._db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = this._factory.open(this._name, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(storeName, { keyPath: ['documentId', 'clientId'] }).createIndex('documentId', 'documentId');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed.'));
    }).then((db) => (this._database = db));
    return this._db;
  }
}

function complete(db: IDBDatabase, write: (store: IDBObjectStore) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const tx = db.transaction(storeName, 'readwrite');
    write(tx.objectStore(storeName));
    // Commit now rather than at the end of the task: Chromium drops a transaction of an unloading
    // page that has not asked to commit yet.
    tx.commit?.();
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed.'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted.'));
  });
}
