using CollabDocs.Protocol;
using CollabDocs.Storage;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Documents;

/// <summary>
/// The store-facing reads of a <see cref="DocumentActor"/>: committed operations from memory (the
/// <see cref="SubmitProcessor"/>'s history window) or else from the store, submission records for
/// deduplication, joins, and catch-up (<see cref="CatchUpAsync"/>: the one place operations committed by
/// other writers are applied). Only the actor's loop uses it.
/// </summary>
internal sealed class CommittedHistory(string documentId, IDocumentStore store, DocumentOptions options, LimitsOptions limits, SubmitProcessor processor, PresenceTable presence, ILogger logger)
{
    private const int CatchUpPage = 1000;
    private const int BoundedPage = 64;

    /// <summary>Latest snapshot plus the operations after it; false if the document does not exist.</summary>
    public async Task<bool> LoadAsync(CancellationToken ct)
    {
        var snapshot = await store.GetSnapshotAsync(documentId, int.MaxValue, ct).ConfigureAwait(false);
        if (snapshot is null)
        {
            return false;
        }

        processor.Reset(snapshot.Revision, snapshot.Text);
        await CatchUpAsync(ct).ConfigureAwait(false);
        DocumentActorLog.Loaded(logger, documentId, processor.Revision, processor.Text.Length);
        return true;
    }

    /// <summary>Applies the operations other writers committed since the processor's revision, moving presence with them.</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        bool more;
        do
        {
            IReadOnlyList<StoredOperation> missed;
            try
            {
                missed = await store.GetOperationsAsync(documentId, processor.Revision, int.MaxValue, CatchUpPage, ct).ConfigureAwait(false);
            }
            catch (RevisionCompactedException)
            {
                // Other writers moved the document past the retained log: start again from its latest snapshot.
                var snapshot = await store.GetSnapshotAsync(documentId, int.MaxValue, ct).ConfigureAwait(false) ?? throw CollabException.NotFound(documentId);
                processor.Reset(snapshot.Revision, snapshot.Text);
                more = true;
                continue;
            }

            foreach (var operation in missed)
            {
                processor.ApplyCommitted(operation);
                presence.Transform(operation.Operation);
            }

            more = missed.Count == CatchUpPage;
        }
        while (more);
    }

    /// <summary>
    /// After the <paramref name="conflicts"/>th lost race: a short random pause from the second on, so two
    /// nodes racing for one document stop colliding in lockstep, then catch up.
    /// </summary>
    public async Task CatchUpAfterConflictAsync(int conflicts, TimeProvider time, CancellationToken ct)
    {
        if (conflicts > 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 << Math.Min(conflicts, 5))), time, ct).ConfigureAwait(false);
        }

        await CatchUpAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A client named a revision it learned from another node before this node heard of it: catch up.</summary>
    public async Task CatchUpIfBehindAsync(int revision, CancellationToken ct)
    {
        if (revision > processor.Revision && options.SharedStore && !processor.HasTentative)
        {
            await CatchUpAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Committed operations (<paramref name="after"/>, <paramref name="to"/>]: from memory when possible, else from the store.</summary>
    public async Task<IReadOnlyList<StoredOperation>> GetCommittedAsync(int after, int to, int limit, CancellationToken ct)
    {
        if (after >= to)
        {
            return [];
        }

        int count = Math.Min(to - after, limit);
        if (processor.TryGetHistory(after, count, out var operations))
        {
            return operations;
        }

        try
        {
            return await store.GetOperationsAsync(documentId, after, after + count, limit, ct).ConfigureAwait(false);
        }
        catch (RevisionCompactedException ex)
        {
            throw new CollabException(ErrorCodes.RevisionTooOld, $"Revision {after} is older than the retained history of document '{documentId}' (it starts at revision {ex.Floor}). Rejoin the document.");
        }
    }

    /// <summary>Committed operations (<paramref name="after"/>, <paramref name="to"/>], catching up first if a client knows of later ones.</summary>
    public async Task<IReadOnlyList<StoredOperation>> FetchAsync(int after, int to, int limit, CancellationToken ct)
    {
        await CatchUpIfBehindAsync(to, ct).ConfigureAwait(false);
        return await GetBoundedAsync(after, Math.Min(to, processor.Revision), limit, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Committed operations (<paramref name="after"/>, <paramref name="to"/>], at most <paramref name="limit"/> and at most
    /// <see cref="DocumentOptions.MaxReplyBytes"/> (<see cref="OperationSize"/>; always at least one), read in pages so a
    /// range of large operations is never loaded whole. A shorter page means "call again from its last revision".
    /// </summary>
    public async Task<IReadOnlyList<StoredOperation>> GetBoundedAsync(int after, int to, int limit, CancellationToken ct)
    {
        to = (int)Math.Min(to, (long)after + limit);
        var page = new List<StoredOperation>();
        long bytes = 0;
        while (after < to)
        {
            var chunk = await GetCommittedAsync(after, to, BoundedPage, ct).ConfigureAwait(false);
            if (chunk.Count == 0)
            {
                break;
            }

            foreach (var operation in chunk)
            {
                bytes += OperationSize.Of(operation.Operation);
                if (bytes > options.MaxReplyBytes && page.Count > 0)
                {
                    return page;
                }

                page.Add(operation);
            }

            after = chunk[^1].Revision;
        }

        return page;
    }

    /// <summary>What a join sees: the operations since <paramref name="knownRevision"/> if few enough, else the text.</summary>
    public async Task<DocumentReadState> ReadAsync(int? knownRevision, CancellationToken ct)
    {
        if (options.SharedStore)
        {
            var head = await store.GetAsync(documentId, ct).ConfigureAwait(false) ?? throw CollabException.NotFound(documentId);
            await CatchUpIfBehindAsync(head.Revision, ct).ConfigureAwait(false);
        }

        int revision = processor.Revision;
        var snapshot = presence.Snapshot();
        if (knownRevision is int known && known >= 0 && known <= revision && revision - known <= options.MaxJoinOperations)
        {
            // Operations only while they are smaller than MaxReplyBytes; past it the text is the smaller reply.
            // Below the retained history (compacted) the text is the only reply.
            var operations = await GetBoundedOrNoneAsync(known, revision, ct).ConfigureAwait(false);
            if (operations.Count == revision - known)
            {
                return new DocumentReadState(revision, null, operations, snapshot);
            }
        }

        return new DocumentReadState(revision, processor.CurrentText(), null, snapshot);
    }

    private async Task<IReadOnlyList<StoredOperation>> GetBoundedOrNoneAsync(int known, int revision, CancellationToken ct)
    {
        try
        {
            return await GetBoundedAsync(known, revision, options.MaxJoinOperations, ct).ConfigureAwait(false);
        }
        catch (CollabException ex) when (ex.Code == ErrorCodes.RevisionTooOld)
        {
            return [];
        }
    }

    /// <summary>
    /// Loads what the processor needs for <paramref name="work"/> and prepares it (applied tentatively,
    /// answered as a resend, or refused); false when it must wait for the current batch's commit.
    /// </summary>
    public async Task<bool> PrepareAsync(SubmitWork work, CancellationToken ct)
    {
        try
        {
            if (await GatherAsync(work, ct).ConfigureAwait(false) is not { } inputs)
            {
                return false;
            }

            if (processor.Prepare(work, inputs) is int revision)
            {
                // A resend answered from the log: the text at that revision is not at hand, so no checksum.
                work.Complete(new SubmitResult(revision));
            }
        }
        catch (CollabException ex)
        {
            work.Fail(ex);
        }

        return true;
    }

    /// <summary>
    /// Loads what <see cref="SubmitProcessor.Prepare"/> needs beyond memory, or null when the submit must wait
    /// for the current batch's commit (a resend of a tentative seq, or a base revision this node has not loaded
    /// yet while other submits are tentative).
    /// </summary>
    private async Task<SubmitInputs?> GatherAsync(SubmitWork work, CancellationToken ct)
    {
        if (processor.IsResendOfTentative(work.ClientId, work.Seq))
        {
            return null;
        }

        if (work.BaseRevision > processor.Head && options.SharedStore)
        {
            // The client saw a revision another node committed that this node has not loaded yet.
            if (processor.HasTentative)
            {
                return null;
            }

            await CatchUpAsync(ct).ConfigureAwait(false);
        }

        if (work.BaseRevision > processor.Head)
        {
            return new SubmitInputs(null, null, []);
        }

        if (!processor.TryGetLatestSubmission(work.ClientId, out var latest))
        {
            latest = await store.FindLatestSubmissionAsync(documentId, work.ClientId, ct).ConfigureAwait(false);
            processor.RememberLatestSubmission(work.ClientId, latest);
        }

        if (latest is not null && work.Seq <= latest.Seq)
        {
            var resent = work.Seq == latest.Seq ? latest : await store.FindSubmissionAsync(documentId, work.ClientId, work.Seq, ct).ConfigureAwait(false);
            if (resent is not null && work.BaseRevision < resent.Revision && TransformWork.ResendTooFarToCheck(work.BaseRevision, resent.Revision, limits))
            {
                // The same lag limit as a new submit, before (base, revision) is loaded: too far to check, but
                // committed, so answered with its revision (never refused: a client would take that for "not
                // committed" and submit the same change again).
                return new SubmitInputs(latest, resent, [], HistoryGone: true);
            }

            try
            {
                var between = resent is null || work.BaseRevision >= resent.Revision ? [] : await GetCommittedAsync(work.BaseRevision, resent.Revision - 1, int.MaxValue, ct).ConfigureAwait(false);
                return new SubmitInputs(latest, resent, between);
            }
            catch (CollabException ex) when (ex.Code == ErrorCodes.RevisionTooOld)
            {
                // Compacted: the resend cannot be checked against the log, but it is committed, so it is answered (never applied again).
                return new SubmitInputs(latest, resent, [], HistoryGone: true);
            }
        }

        // Too far behind: Prepare refuses it, so nothing is loaded for it.
        bool tooOld = processor.Head - work.BaseRevision > limits.MaxRevisionLag;
        var committed = tooOld ? [] : await GetCommittedAsync(work.BaseRevision, processor.Revision, int.MaxValue, ct).ConfigureAwait(false);
        return new SubmitInputs(latest, null, committed);
    }
}
