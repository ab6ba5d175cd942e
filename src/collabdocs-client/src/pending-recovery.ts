import { CollabError } from './errors.js';
import { diffMinimal, threeWayMerge } from './diff.js';
import { HubMethods } from './protocol.js';
import { AwaitingConfirm, Synchronized, type ClientState } from './sync-state.js';
import { TextOperation } from './text-operation.js';
import type { DocumentCore } from './document-core.js';

/**
 * Restores the newest pending edits a former client (a closed tab, a crashed app) left for the
 * document: the text and state at their base revision, with the outstanding operation under its
 * original `(clientId, seq)`. The first join then catches up from that revision and resends it; the
 * server's exactly-once rule makes the resend safe if it was committed before.
 */
export async function restorePending(core: DocumentCore): Promise<void> {
  let record;
  try {
    record = await core.recorder.claim();
  } catch (error) {
    core.reportError(new CollabError('client', `Could not read stored pending edits: ${(error as Error)?.message ?? String(error)}`, undefined, error));
    return;
  }
  if (record === null || record.outstanding === null || core.isClosed) {
    return;
  }
  try {
    const outstanding = TextOperation.fromJSON(record.outstanding.operation);
    let text = outstanding.apply(record.baseText);
    let state: ClientState = new AwaitingConfirm({
      operation: outstanding,
      clientId: record.outstanding.clientId,
      seq: record.outstanding.seq,
      inFlight: false,
      sentEpoch: -1,
      ackedAs: null,
      retries: 0,
      stored: true,
    });
    if (record.buffer !== null) {
      const buffer = TextOperation.fromJSON(record.buffer);
      text = buffer.apply(text);
      state = state.applyClient(buffer, core.newSubmission);
    }
    core.text = text;
    core.serverText = record.baseText;
    core.revision = record.baseRevision;
    core.state = state;
    core.restoredEdits = true;
  } catch (error) {
    core.reportError(new CollabError('client', `Stored pending edits do not fit their text: ${(error as Error).message}`, undefined, error));
    return;
  }
  core.recorder.changed();
}

/**
 * The pending edits are based on a revision the server can no longer transform from: merge them
 * onto the server's `text` at `revision` by a three-way merge (base: the server text they were made
 * on; mine: the local text; theirs: `text`) and submit the result as a new operation.
 *
 * The outstanding operation may have been committed already (its acknowledgement lost): resubmitting
 * it with its `(clientId, seq)` tells, since the server answers a committed pair with its revision
 * before it looks at the base. If it was, it is part of the base, so it is not applied twice.
 */
export async function recoverPending(core: DocumentCore, revision: number, text: string, epoch: number): Promise<boolean> {
  const outstanding = core.state.outstanding;
  if (outstanding === null) {
    core.reset(revision, text);
    return true;
  }
  const baseRevision = core.revision;
  let base = core.serverText;
  try {
    await core.host.invoke(HubMethods.submit, core.id, baseRevision, outstanding.operation.toJSON(), outstanding.clientId, outstanding.seq);
    base = outstanding.operation.apply(base);
  } catch (error) {
    const e = CollabError.fromInvokeError(error, HubMethods.submit);
    if (e.code === 'connection' || e.code === 'unavailable' || e.code === 'rate_limited') {
      return false;
    }
    // revision_too_old and the like: it was never committed.
  }
  if (epoch !== core.epoch || core.isClosed || core.state.outstanding !== outstanding) {
    return false;
  }
  const mine = core.text;
  const rebased = threeWayMerge(base, mine, text);
  const merged = rebased.apply(text);
  const change = diffMinimal(mine, merged);

  core.text = merged;
  core.serverText = text;
  core.revision = revision;
  core.state = rebased.isNoop() ? Synchronized.instance : Synchronized.instance.applyClient(rebased, core.newSubmission);
  core.recorder.changed();
  core.transport.order.dropUpTo(revision);
  core.presence.others.resetHistory(revision);
  core.presence.moveSelection(change, merged.length);
  core.events.emit('change', { kind: 'reset', operation: change, revision, discardedLocalChanges: false });
  core.events.emit('revision', revision);
  core.events.emit('state', core.state.name);
  core.events.emit('rebased', { revision, baseRevision });
  if (core.state.outstanding === null) {
    core.releaseSyncWaiters();
  }
  return true;
}
