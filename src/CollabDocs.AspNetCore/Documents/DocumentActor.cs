using System.Threading.Channels;
using CollabDocs.Protocol;
using CollabDocs.Server.Hooks;
using CollabDocs.Server.Observability;
using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>
/// The per-document actor: owns one document's loop and handles its requests one at a time from a
/// channel, delegating to a <see cref="SubmitProcessor"/> (transform and apply, no I/O), a
/// <see cref="PresenceTable"/> and a <see cref="BroadcastOutbox"/>; its reads of the store go through
/// <see cref="CommittedHistory"/>. Submits queued together are sequenced into one batch
/// (<see cref="SubmitProcessor.SequenceBatch"/>, the ordering point), committed in one transaction
/// (<see cref="CommitDurablyAsync"/>, the durability point) and acknowledged only after it. A commit that finds the document moved on (another writer: a second activation during a cluster membership change) is undone in memory, the missed
/// operations are loaded (<see cref="CommittedHistory.CatchUpAsync"/>, the one place catch-up happens), and
/// the submits are transformed and committed again.
/// </summary>
internal sealed class DocumentActor : IAsyncDisposable
{
    private readonly Channel<ActorWork> _queue = Channel.CreateUnbounded<ActorWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DocumentActorServices _services;
    private readonly DocumentOptions _options;
    private readonly TimeProvider _time;
    private readonly SubmitProcessor _processor;
    private readonly PresenceTable _presence;
    private readonly BroadcastOutbox _outbox;
    private readonly CommittedHistory _history;
    private readonly CancellationTokenSource _lifetime;
    private readonly Task _loop;
    private bool _loaded;
    private long _lastActivity;
    private long _residentBytes;
    private int _busy;
    private int _queued;

    /// <summary>Starts the loop; <paramref name="expectedBytes"/>, what the document is expected to hold once loaded, counts from the start.</summary>
    public DocumentActor(string documentId, DocumentActorServices services, long expectedBytes = 0)
    {
        DocumentId = documentId;
        _services = services;
        (_options, _time) = (services.Options, services.Time);
        _processor = new SubmitProcessor(services.Options, services.Limits, services.Validators is { Count: > 0 } validators ? new SubmitGate(documentId, validators, services.Logger) : null);
        _outbox = new BroadcastOutbox(documentId, services.Broadcaster, services.Logger);
        _presence = new PresenceTable(documentId, services.Options, services.Limits, services.Time, () => _ = Enqueue(_ => Housekeeping(FlushPresence), isActivity: false), _outbox.PresenceEvent);
        _history = new CommittedHistory(documentId, services.Store, services.Options, services.Limits, _processor, _presence, services.Logger);
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(services.Stopping);
        _lastActivity = _time.GetTimestamp();
        ReportResident(expectedBytes);
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    public string DocumentId { get; }

    /// <summary>True once the actor stopped taking requests.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>How long since the last request (housekeeping does not count).</summary>
    public TimeSpan IdleTime => _time.GetElapsedTime(Volatile.Read(ref _lastActivity));

    /// <summary>Approximate bytes the document holds, as last counted in the node's <see cref="ResidentMemory"/>.</summary>
    public long ResidentBytes => Volatile.Read(ref _residentBytes);

    /// <summary>Requests waiting for the loop to take them.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>True while requests are queued or being handled: the actor may hold work not yet committed.</summary>
    public bool IsBusy => Volatile.Read(ref _busy) != 0 || Volatile.Read(ref _queued) > 0;

    public Task<SubmitResult> SubmitAsync(SubmitCommand command) => SubmitAsync(new SubmitWork(command));

    /// <summary>Queues a submit whose operation is parsed in the loop, after the checks that need none.</summary>
    public Task<SubmitResult> SubmitAsync(UnparsedSubmit submit) => SubmitAsync(new SubmitWork(submit));

    private Task<SubmitResult> SubmitAsync(SubmitWork work)
    {
        long start = _time.GetTimestamp();
        var submit = Enqueue(work);
        return _services.Metrics is null ? submit : _services.Metrics.MeasureSubmitAsync(submit, start, _time);
    }

    public Task<DocumentReadState> ReadAsync(int? knownRevision) => Enqueue(async ct => await _history.ReadAsync(knownRevision, ct).ConfigureAwait(false));

    public Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(int afterRevision, int toRevision, int limit) =>
        Enqueue(async ct => await _history.FetchAsync(afterRevision, toRevision, limit, ct).ConfigureAwait(false));

    public Task<bool> UpdatePresenceAsync(PresenceCommand command) => Enqueue(async ct =>
    {
        await _history.CatchUpIfBehindAsync(command.Revision, ct).ConfigureAwait(false);
        _presence.Update(command, _processor.Text, _processor.Revision, _processor.HistoryStart, _processor.History);
        return true;
    });

    public Task<bool> RemovePresenceAsync(string sessionId) => Enqueue(_ => ValueTask.FromResult(_presence.Remove(sessionId)));

    /// <summary>Housekeeping: removes the presence of connections gone silent.</summary>
    public Task<bool> ExpirePresenceAsync() => Enqueue(_ => Housekeeping(_presence.Expire), isActivity: false);

    /// <summary>Stops taking requests, handles those queued, sends what is left to broadcast.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _outbox.DisposeAsync().ConfigureAwait(false);
    }

    private Task<T> Enqueue<T>(Func<CancellationToken, ValueTask<T>> step, bool isActivity = true) => Enqueue(new LoopWork<T>(step), isActivity);

    private Task<T> Enqueue<T>(ActorWork<T> work, bool isActivity = true)
    {
        if (isActivity)
        {
            Volatile.Write(ref _lastActivity, _time.GetTimestamp());
        }

        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(work))
        {
            Interlocked.Decrement(ref _queued);
            work.Fail(new ActorClosedException());
        }

        return work.Task;
    }

    private async Task RunAsync()
    {
        var submits = new List<SubmitWork>();
        var others = new List<ActorWork>();
        var reader = _queue.Reader;
        var ct = _lifetime.Token;
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            Volatile.Write(ref _busy, 1);
            submits.Clear();
            others.Clear();
            while (submits.Count < _options.MaxBatchSize && reader.TryRead(out var work))
            {
                Interlocked.Decrement(ref _queued);
                if (work is SubmitWork submit)
                {
                    submits.Add(submit);
                }
                else
                {
                    others.Add(work);
                }
            }

            try
            {
                if (!_loaded && !(_loaded = await _history.LoadAsync(ct).ConfigureAwait(false)))
                {
                    Close(CollabException.NotFound(DocumentId), submits, others);
                    return;
                }

                if (submits.Count > 0)
                {
                    await ProcessSubmitsAsync(submits, ct).ConfigureAwait(false);
                }

                foreach (var work in others)
                {
                    await ((ILoopStep)work).RunAsync(ct).ConfigureAwait(false);
                }

                ReportResident(_processor.ResidentBytes);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A CollabException: the document was deleted under the actor. Otherwise the store failed outside
                // a commit (load, catch-up): nothing half-done in memory survives, because the actor closes and
                // the next request loads afresh.
                if (ex is not CollabException)
                {
                    DocumentActorLog.ActorFailed(_services.Logger, DocumentId, ex);
                }

                Close(ex as CollabException ?? new CollabException(ErrorCodes.Unavailable, "The document store is unavailable; nothing was changed. Retry later.", ex), submits, others);
                return;
            }

            Volatile.Write(ref _busy, 0);
        }

        Close(new ActorClosedException(), [], []);
    }

    /// <summary>submit → transform → commit → retry on conflict, for every queued submit at once.</summary>
    private async Task ProcessSubmitsAsync(List<SubmitWork> batch, CancellationToken ct)
    {
        var pending = batch;
        int conflicts = 0;
        while (pending.Count > 0)
        {
            var deferred = new List<SubmitWork>();
            foreach (var work in pending)
            {
                if (!await _history.PrepareAsync(work, ct).ConfigureAwait(false))
                {
                    deferred.Add(work);
                }
            }

            if (!_processor.HasTentative)
            {
                pending = deferred;
                continue;
            }

            CommitOutcome outcome;
            try
            {
                outcome = await CommitDurablyAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Whether or not the commit reached the disk, memory goes back to the last known commit:
                // a resend of the same seq is then deduplicated or committed, never applied twice.
                DocumentActorLog.CommitFailed(_services.Logger, DocumentId, ex);
                FailTentative(new CollabException(ErrorCodes.Unavailable, "The document store could not commit; nothing was acknowledged. Resubmit the same seq later.", ex));
                pending = deferred;
                continue;
            }

            if (outcome == CommitOutcome.DocumentMissing)
            {
                FailTentative(CollabException.NotFound(DocumentId));
                deferred.ForEach(work => work.Fail(CollabException.NotFound(DocumentId)));
                throw CollabException.NotFound(DocumentId);
            }

            if (outcome == CommitOutcome.Conflict && ++conflicts <= _options.CommitRetries)
            {
                _services.Metrics?.CommitConflict();
                DocumentActorLog.CommitConflict(_services.Logger, DocumentId, _processor.Revision, conflicts);
                pending = [.. _processor.Undo(), .. deferred];
                await _history.CatchUpAfterConflictAsync(conflicts, _time, ct).ConfigureAwait(false);
                continue;
            }

            if (outcome == CommitOutcome.Conflict)
            {
                FailTentative(new CollabException(ErrorCodes.Unavailable, $"The document kept moving under this node; gave up after {_options.CommitRetries} retries. Nothing was changed; resubmit the same seq."));
            }

            pending = deferred;
        }
    }

    /// <summary>
    /// The durability point: once the store returns <see cref="CommitOutcome.Committed"/> the batch is in its
    /// committed transaction, and only then are the submits acknowledged, presence moved and the operations broadcast.
    /// </summary>
    private async Task<CommitOutcome> CommitDurablyAsync(CancellationToken ct)
    {
        var batch = _processor.SequenceBatch(DocumentId, _time.GetUtcNow().ToUnixTimeMilliseconds());
        var outcome = await _services.Store.CommitAsync(batch, ct).ConfigureAwait(false);
        if (outcome != CommitOutcome.Committed)
        {
            return outcome;
        }

        foreach (var (work, stored, checksum) in _processor.Committed(batch))
        {
            work.Complete(new SubmitResult(stored.Revision, checksum));
            _presence.Transform(stored.Operation);
            _presence.Touch(work.Command.ConnectionId);
            _outbox.Operation(new OperationMessage(DocumentId, stored.Revision, stored.Operation, stored.ClientId, stored.Seq, stored.UserId, stored.Timestamp, checksum), work.Command.ConnectionId);
        }

        _services.Metrics?.Committed(batch.Operations.Count);
        return CommitOutcome.Committed;
    }

    /// <summary>Counts the actor's size in the node's <see cref="ResidentMemory"/> (from the constructor and the loop only).</summary>
    private void ReportResident(long bytes) => _services.Resident?.Add(bytes - Interlocked.Exchange(ref _residentBytes, bytes));

    private void FailTentative(Exception exception) => _processor.Undo().ForEach(work => work.Fail(exception));

    private void FlushPresence() => _presence.Flush(_processor.Revision);

    /// <summary>A step of the actor's own upkeep (presence flushes and expiry), which does not count as a request.</summary>
    private static ValueTask<bool> Housekeeping(Action step)
    {
        step();
        return ValueTask.FromResult(true);
    }

    private void Close(Exception reason, List<SubmitWork> submits, List<ActorWork> others)
    {
        IsClosed = true;
        _queue.Writer.TryComplete();
        submits.ForEach(work => work.Fail(reason));
        others.ForEach(work => work.Fail(reason));
        while (_queue.Reader.TryRead(out var work))
        {
            work.Fail(reason is ActorClosedException ? reason : new ActorClosedException("The document actor was closed.", reason));
        }

        _presence.Dispose();
        _lifetime.Dispose();
        ReportResident(0);
    }
}
