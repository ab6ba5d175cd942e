/** A minimal typed event emitter: `on` returns the function that unsubscribes. */
export class Emitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly _handlers = new Map<keyof Events, Set<(value: never) => void>>();

  on<K extends keyof Events>(event: K, handler: (value: Events[K]) => void): () => void {
    let set = this._handlers.get(event);
    if (set === undefined) {
      set = new Set();
      this._handlers.set(event, set);
    }
    set.add(handler as (value: never) => void);
    return () => {
      set.delete(handler as (value: never) => void);
    };
  }

  /** Calls every handler; a throwing handler is reported on the console and does not stop the others. */
  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    const set = this._handlers.get(event);
    if (set === undefined) {
      return;
    }
    for (const handler of [...set]) {
      try {
        (handler as (value: Events[K]) => void)(value);
      } catch (error) {
        console.error(`CollabDocs: a '${String(event)}' handler threw`, error);
      }
    }
  }

  clear(): void {
    this._handlers.clear();
  }
}
