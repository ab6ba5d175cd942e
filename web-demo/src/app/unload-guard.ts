import type { CollabDocument } from '@collabdocs/client';

/**
 * The one place that decides whether leaving the page could lose edits: only while some are neither
 * acknowledged by the server nor stored locally (the client's `hasUnsavedEdits`; with IndexedDB that is
 * the few milliseconds before a write finishes, without it every unacknowledged edit).
 */
export function mayLoseEdits(doc: CollabDocument): boolean {
  return doc.hasUnsavedEdits;
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
