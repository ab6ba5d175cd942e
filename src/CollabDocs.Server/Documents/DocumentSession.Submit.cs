using CollabDocs.Ot;
using CollabDocs.Server.Protocol;
using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

internal sealed partial class DocumentSession
{
    // Applied in memory but not yet committed: (work, committed form, inverse to undo it).
    private readonly List<Tentative> _tentative = [];

    /// <summary>submit → transform → commit → retry on conflict, for every queued submit at once.</summary>
    private async Task ProcessSubmitsAsync(List<SubmitWork> batch)
    {
        var pending = batch;
        int conflicts = 0;
        while (pending.Count > 0)
        {
            var deferred = new List<SubmitWork>();
            foreach (var work in pending)
            {
                try
                {
                    await PrepareAsync(work, deferred).ConfigureAwait(false);
                }
                catch (CollabException ex)
                {
                    work.Fail(ex);
                }
            }

            if (_tentative.Count == 0)
            {
                pending = deferred;
                continue;
            }

            CommitOutcome outcome;
            try
            {
                outcome = await CommitTentativeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Whether or not the commit reached the disk, memory goes back to the last known commit:
                // a resend of the same seq is then deduplicated or committed, never applied twice.
                Log.CommitFailed(_logger, DocumentId, ex);
                FailTentative(new CollabException(ErrorCodes.Unavailable, "The document store could not commit; nothing was acknowledged. Resubmit the same seq later.", ex));
                pending = deferred;
                continue;
            }

            switch (outcome)
            {
                case CommitOutcome.Committed:
                    pending = deferred;
                    break;
                case CommitOutcome.Conflict when ++conflicts <= _options.CommitRetries:
                    _metrics?.CommitConflict();
                    Log.CommitConflict(_logger, DocumentId, _revision, conflicts);
                    pending = [.. UndoTentative(), .. deferred];

                    // A short random pause after the first lost race, so two nodes racing for one document
                    // stop colliding in lockstep.
                    if (conflicts > 1)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 << Math.Min(conflicts, 5))), _time).ConfigureAwait(false);
                    }

                    await CatchUpAsync().ConfigureAwait(false);
                    break;
                case CommitOutcome.Conflict:
                    FailTentative(new CollabException(ErrorCodes.Unavailable, $"The document kept moving under this node; gave up after {_options.CommitRetries} retries. Nothing was changed; resubmit the same seq."));
                    pending = deferred;
                    break;
                default:
                    FailTentative(CollabException.NotFound(DocumentId));
                    foreach (var work in deferred)
                    {
                        work.Fail(CollabException.NotFound(DocumentId));
                    }

                    throw CollabException.NotFound(DocumentId);
            }
        }
    }

    /// <summary>Deduplicates, transforms and applies one submit in memory, adding it to <see cref="_tentative"/>.</summary>
    private async Task PrepareAsync(SubmitWork work, List<SubmitWork> deferred)
    {
        var command = work.Command;
        int head = _revision + _tentative.Count;
        foreach (var tentative in _tentative)
        {
            if (tentative.Work.Command.ClientId == command.ClientId && tentative.Work.Command.Seq >= command.Seq)
            {
                // The same client resent while its first send is in this batch: decide after the commit.
                deferred.Add(work);
                return;
            }
        }

        if (command.BaseRevision > head && _options.SharedStore)
        {
            // The client saw a revision another node committed that this session has not loaded yet.
            if (_tentative.Count > 0)
            {
                deferred.Add(work);
                return;
            }

            await CatchUpAsync().ConfigureAwait(false);
            head = _revision;
        }

        if (command.BaseRevision > head)
        {
            throw new CollabException(ErrorCodes.RevisionInFuture, $"Base revision {command.BaseRevision} is ahead of the document (revision {head}).");
        }

        var last = await GetLatestSubmissionAsync(command.ClientId).ConfigureAwait(false);
        if (last is not null && command.Seq <= last.Seq)
        {
            work.Complete(await ResolveDuplicateAsync(command, last).ConfigureAwait(false));
            return;
        }

        if (head - command.BaseRevision > _limits.MaxRevisionLag)
        {
            throw new CollabException(ErrorCodes.RevisionTooOld, $"Base revision {command.BaseRevision} is {head - command.BaseRevision} revisions behind; at most {_limits.MaxRevisionLag} are accepted. Rejoin the document.");
        }

        var operation = await TransformToHeadAsync(command.Operation, command.BaseRevision).ConfigureAwait(false);
        long length = (long)_text.Length - operation.BaseLength + operation.TargetLength;
        if (length > _limits.MaxDocumentLength)
        {
            throw new CollabException(ErrorCodes.LimitExceeded, $"The document would be {length} characters long; the limit is {_limits.MaxDocumentLength}.");
        }

        TextOperation inverse;
        try
        {
            inverse = _text.Invert(operation);
            _text.Apply(operation);
        }
        catch (OperationException ex)
        {
            throw CollabException.FromOperation(ex);
        }

        _tentative.Add(new Tentative(work, operation, inverse, OperationHash.Compute(operation)));
    }

    /// <summary>
    /// The resend of a committed (clientId, seq) gets the revision it had, if it is the same change:
    /// brought to the revision just before the committed one, it must equal what was committed.
    /// </summary>
    private async Task<int> ResolveDuplicateAsync(SubmitCommand command, SubmissionRecord last)
    {
        var record = command.Seq == last.Seq
            ? last
            : await _store.FindSubmissionAsync(DocumentId, command.ClientId, command.Seq).ConfigureAwait(false)
                ?? throw new CollabException(ErrorCodes.SeqOutOfOrder, $"Seq {command.Seq} of client '{command.ClientId}' is below its latest committed seq {last.Seq} and was never committed.");

        if (command.BaseRevision >= record.Revision)
        {
            throw new CollabException(ErrorCodes.DuplicateSeqMismatch, $"Seq {command.Seq} of client '{command.ClientId}' was committed as revision {record.Revision}, which its resend's base revision {command.BaseRevision} already contains.");
        }

        TextOperation transformed;
        try
        {
            transformed = command.Operation;
            foreach (var concurrent in await GetCommittedOperationsAsync(command.BaseRevision, record.Revision - 1, int.MaxValue).ConfigureAwait(false))
            {
                transformed = TextOperation.Transform(transformed, concurrent.Operation).APrime;
            }
        }
        catch (OperationException ex)
        {
            throw new CollabException(ErrorCodes.DuplicateSeqMismatch, $"Seq {command.Seq} of client '{command.ClientId}' was committed with a different operation: {ex.Message}", ex);
        }

        if (OperationHash.Compute(transformed) != record.OperationHash)
        {
            throw new CollabException(ErrorCodes.DuplicateSeqMismatch, $"Seq {command.Seq} of client '{command.ClientId}' was committed as revision {record.Revision} with a different operation.");
        }

        return record.Revision;
    }

    private async Task<TextOperation> TransformToHeadAsync(TextOperation operation, int baseRevision)
    {
        try
        {
            if (baseRevision < _revision)
            {
                foreach (var concurrent in await GetCommittedOperationsAsync(baseRevision, _revision, int.MaxValue).ConfigureAwait(false))
                {
                    operation = TextOperation.Transform(operation, concurrent.Operation).APrime;
                }
            }

            for (int i = Math.Max(0, baseRevision - _revision); i < _tentative.Count; i++)
            {
                operation = TextOperation.Transform(operation, _tentative[i].Operation).APrime;
            }

            return operation;
        }
        catch (OperationException ex)
        {
            throw new CollabException(ErrorCodes.OperationMismatch, $"The operation does not fit the document at base revision {baseRevision}: {ex.Message}", ex);
        }
    }

    private async Task<SubmissionRecord?> GetLatestSubmissionAsync(string clientId)
    {
        if (_clients.TryGetValue(clientId, out var record))
        {
            return record;
        }

        if (_clients.Count >= 10_000)
        {
            _clients.Clear();
        }

        record = await _store.FindLatestSubmissionAsync(DocumentId, clientId).ConfigureAwait(false);
        _clients[clientId] = record;
        return record;
    }

    private async Task<CommitOutcome> CommitTentativeAsync()
    {
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var operations = new NewOperation[_tentative.Count];
        for (int i = 0; i < operations.Length; i++)
        {
            var tentative = _tentative[i];
            var command = tentative.Work.Command;
            operations[i] = new NewOperation(tentative.Operation, command.ClientId, command.Seq, command.UserId, now, tentative.Hash);
        }

        int head = _revision + operations.Length;
        var snapshot = head / _snapshotInterval > _revision / _snapshotInterval ? new DocumentSnapshot(head, _text.ToString()) : null;
        var outcome = await _store.CommitAsync(new CommitBatch(DocumentId, _revision, operations, _text.Length, snapshot)).ConfigureAwait(false);
        if (outcome != CommitOutcome.Committed)
        {
            return outcome;
        }

        if (snapshot is not null)
        {
            _textCache = snapshot.Text;
            _textCacheRevision = head;
        }

        for (int i = 0; i < operations.Length; i++)
        {
            var tentative = _tentative[i];
            var command = tentative.Work.Command;
            var stored = new StoredOperation(_revision + 1, tentative.Operation, command.ClientId, command.Seq, command.UserId, now);
            AddToHistory(stored);
            _clients[command.ClientId] = new SubmissionRecord(command.ClientId, command.Seq, stored.Revision, tentative.Hash);
            tentative.Work.Complete(stored.Revision);
            TransformPresence(stored.Operation);
            TouchPresence(command.ConnectionId);
            Broadcast(new OperationMessage(DocumentId, stored.Revision, stored.Operation, stored.ClientId, stored.Seq, stored.UserId, stored.Timestamp), command.ConnectionId);
        }

        _tentative.Clear();
        _metrics?.Committed(operations.Length);
        return CommitOutcome.Committed;
    }

    /// <summary>Reverts the in-memory text to the last commit; returns the submits to try again.</summary>
    private List<SubmitWork> UndoTentative()
    {
        var works = new List<SubmitWork>(_tentative.Count);
        for (int i = _tentative.Count - 1; i >= 0; i--)
        {
            _text.Apply(_tentative[i].Inverse);
        }

        foreach (var tentative in _tentative)
        {
            works.Add(tentative.Work);
        }

        _tentative.Clear();
        return works;
    }

    private void FailTentative(Exception exception)
    {
        foreach (var work in UndoTentative())
        {
            work.Fail(exception);
        }
    }

    private readonly record struct Tentative(SubmitWork Work, TextOperation Operation, TextOperation Inverse, long Hash);
}
