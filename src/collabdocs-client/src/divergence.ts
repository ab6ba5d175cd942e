import { textChecksum } from './checksum.js';
import type { ServerEvent } from './revision-order.js';
import type { DocumentCore } from './document-core.js';

/**
 * Divergence detection: after an event with a checksum is applied, the checksum of the server text
 * the client tracks (`serverText`: its text at that revision without its pending edits) must match,
 * so it is verified whether or not edits are pending. On a mismatch the document reports it
 * (`diverged` event, `divergences` counter, a console warning) and joins again for the full text,
 * merging its pending edits onto it (the `rebase` recovery of pending-recovery.ts): none is dropped.
 */
export function verifyChecksum(core: DocumentCore, event: ServerEvent): void {
  const expected = event.checksum;
  if (expected === undefined || expected === null || core.repairing || core.revision !== event.revision || core.isClosed) {
    return;
  }
  const actual = textChecksum(core.serverText);
  if (actual === expected) {
    return;
  }
  core.divergences++;
  core.repairing = true;
  console.warn(`CollabDocs: document '${core.id}' diverged at revision ${event.revision} (checksum ${actual}, server ${expected}); resynchronising.`);
  core.events.emit('diverged', { revision: event.revision, expected, actual });
  core.transport.resync('rebase');
}
