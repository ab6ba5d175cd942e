import type { CollabDocument } from '../client';

/**
 * The one place that decides whether leaving the page could lose edits: only while some are neither
 * acknowledged by the server nor stored locally. The client keeps unacknowledged edits in memory only, so
 * today that is "has pending changes"; once it stores them durably (IndexedDB), this is the line that
 * asks its flag instead.
 */
export function mayLoseEdits(doc: CollabDocument): boolean {
  return doc.hasPendingChanges;
}

const open = new Set<CollabDocument>();
let installed = false;

/** Watches `doc` until the returned function is called: the browser warns before unloading while it may lose edits. */
export function guardUnload(doc: CollabDocument): () => void {
  open.add(doc);
  if (!installed) {
    installed = true;
    window.addEventListener('beforeunload', (event) => {
      if ([...open].some(mayLoseEdits)) {
        event.preventDefault();
        // Older browsers need a return value to show the prompt.
        event.returnValue = '';
      }
    });
  }
  return () => {
    open.delete(doc);
  };
}
