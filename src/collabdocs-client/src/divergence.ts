import { textChecksum } from './checksum.js';
import type { ServerEvent } from './revision-order.js';
import type { DocumentCore } from './document-core.js';

/**
 * Divergence detection: after an event with a checksum is applied, the checksum of the server text
 * the client tracks (`serverText`) must match. It is verified only while no edit is in flight, when
 * that text is certainly the server's text at the event's revision. On a mismatch the document reports it
 * (`diverged` event, `divergences` counter, a console warning) and joins again for the full text,
 * merging its pending edits onto it (the `rebase` recovery of pending-recovery.ts): none is dropped.
 */
export function verifyChecksum(core: DocumentCore, event: ServerEvent): void {
  const expected = event.checksum;
  // Only verified with no edits in flight: the client's text then is the server's text at that revision.
  if (expected === undefined || expected === null || core.repairing || core.revision !== event.revision || core.isClosed || core.state.outstanding !== null) {
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
