/** Calls `offline` / `online` on the browser's network events; a no-op where there are none (Node). */
export function watchNetwork(handlers: { offline: () => void; online: () => void }): () => void {
  const target = globalThis as Partial<Pick<typeof globalThis, 'addEventListener' | 'removeEventListener'>>;
  if (typeof target.addEventListener !== 'function' || typeof target.removeEventListener !== 'function') {
    return () => undefined;
  }
  const offline = (): void => handlers.offline();
  const online = (): void => handlers.online();
  target.addEventListener('offline', offline);
  target.addEventListener('online', online);
  return () => {
    target.removeEventListener?.('offline', offline);
    target.removeEventListener?.('online', online);
  };
}
