using System.Threading.Channels;
using CollabDocs.Ot;
using CollabDocs.Server.Observability;
using CollabDocs.Storage;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Documents;

/// <summary>
/// The one place where a document's order is decided on this node: an actor that owns the in-memory
/// text, the recent history and the presence of one document, and handles its requests one at a time
/// from a channel. Submits queued together are committed in one transaction (group commit) and
/// acknowledged only after the commit. The store has the last word on order: a commit that finds the
/// document moved on (another node) is undone in memory, the missed operations are loaded, and the
/// submits are transformed and committed again.
/// </summary>
internal sealed partial class DocumentSession : IAsyncDisposable
{
    private readonly Channel<SessionWork> _queue = Channel.CreateUnbounded<SessionWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDocumentStore _store;
    private readonly IDocumentBroadcaster _broadcaster;
    private readonly DocumentOptions _options;
    private readonly LimitsOptions _limits;
    private readonly int _snapshotInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CollabDocsMetrics? _metrics;
    private readonly Task _loop;

    // Owned by the loop. _history holds the committed operations (_historyStart, _revision].
    private readonly List<StoredOperation> _history = [];
    private readonly Dictionary<string, SubmissionRecord?> _clients = new(StringComparer.Ordinal);
    private TextDocument _text = new();
    private int _revision;
    private int _historyStart;
    private string? _textCache;
    private int _textCacheRevision = -1;
    private bool _loaded;
    private long _lastActivity;

    public DocumentSession(string documentId, IDocumentStore store, IDocumentBroadcaster broadcaster, DocumentOptions options, LimitsOptions limits, int snapshotInterval, TimeProvider time, ILogger logger, CollabDocsMetrics? metrics = null)
    {
        DocumentId = documentId;
        _store = store;
        _broadcaster = broadcaster;
        _options = options;
        _limits = limits;
        _snapshotInterval = Math.Max(1, snapshotInterval);
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _lastActivity = time.GetTimestamp();
        _loop = Task.Run(RunAsync);
    }

    public string DocumentId { get; }

    /// <summary>True once the session stopped taking requests.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>How long since the last request.</summary>
    public TimeSpan IdleTime => _time.GetElapsedTime(Volatile.Read(ref _lastActivity));

    public Task<int> SubmitAsync(SubmitCommand command)
    {
        long start = _time.GetTimestamp();
        var submit = Enqueue(new SubmitWork(command));
        return _metrics is null ? submit : _metrics.MeasureSubmitAsync(submit, start, _time);
    }

    public Task<SessionState> ReadAsync(int? knownRevision) => Enqueue(new ReadWork(knownRevision));

    public Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(int afterRevision, int toRevision, int limit) =>
        Enqueue(new FetchWork(afterRevision, toRevision, limit));

    public Task<bool> UpdatePresenceAsync(PresenceCommand command) => Enqueue(new PresenceWork(command));

    public Task<bool> RemovePresenceAsync(string sessionId) => Enqueue(new RemovePresenceWork(sessionId));

    public Task<bool> TickAsync(TickKind kind) => Enqueue(new TickWork(kind));

    /// <summary>Stops taking requests; queued requests fail with <see cref="SessionClosedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await DrainOutboxAsync().ConfigureAwait(false);
    }

    private Task<T> Enqueue<T>(SessionWork<T> work)
    {
        Volatile.Write(ref _lastActivity, _time.GetTimestamp());
        if (!_queue.Writer.TryWrite(work))
        {
            work.Fail(new SessionClosedException());
        }

        return work.Task;
    }

    private async Task RunAsync()
    {
        var submits = new List<SubmitWork>();
        var others = new List<SessionWork>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            submits.Clear();
            others.Clear();
            while (submits.Count < _options.MaxBatchSize && reader.TryRead(out var work))
            {
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
                if (!_loaded && !await LoadAsync().ConfigureAwait(false))
                {
                    Close(CollabException.NotFound(DocumentId), submits, others);
                    return;
                }

                if (submits.Count > 0)
                {
                    await ProcessSubmitsAsync(submits).ConfigureAwait(false);
                }

                foreach (var work in others)
                {
                    await HandleAsync(work).ConfigureAwait(false);
                }
            }
            catch (CollabException ex)
            {
                // The document was deleted under the session.
                Close(ex, submits, others);
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The store failed outside a commit (load, catch-up): nothing is half-done in memory that
                // survives, because the session closes and the next request loads afresh.
                Log.SessionFailed(_logger, DocumentId, ex);
                Close(new CollabException(ErrorCodes.Unavailable, "The document store is unavailable; nothing was changed. Retry later.", ex), submits, others);
                return;
            }
        }

        Close(new SessionClosedException(), [], []);
    }

    private async Task HandleAsync(SessionWork work)
    {
        try
        {
            switch (work)
            {
                case ReadWork read:
                    read.Complete(await ReadStateAsync(read.KnownRevision).ConfigureAwait(false));
                    break;
                case FetchWork fetch:
                    await CatchUpIfBehindAsync(fetch.ToRevision).ConfigureAwait(false);
                    fetch.Complete(await GetCommittedOperationsAsync(fetch.AfterRevision, Math.Min(fetch.ToRevision, _revision), fetch.Limit).ConfigureAwait(false));
                    break;
                case PresenceWork presence:
                    await CatchUpIfBehindAsync(presence.Command.Revision).ConfigureAwait(false);
                    presence.Complete(UpdatePresence(presence.Command));
                    break;
                case RemovePresenceWork remove:
                    remove.Complete(RemovePresence(remove.SessionId));
                    break;
                case TickWork tick:
                    tick.Complete(await TickAsync(tick.Kind, CancellationToken.None).ConfigureAwait(false));
                    break;
                default:
                    work.Fail(new InvalidOperationException($"Unknown work {work.GetType().Name}."));
                    break;
            }
        }
        catch (CollabException ex)
        {
            work.Fail(ex);
        }
    }

    private async Task<bool> TickAsync(TickKind kind, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        switch (kind)
        {
            case TickKind.FlushPresence:
                FlushPresence();
                break;
            case TickKind.ExpirePresence:
                ExpirePresence();
                break;
            case TickKind.CatchUp:
                Volatile.Write(ref _catchUpQueued, 0);
                await CatchUpAsync().ConfigureAwait(false);
                break;
        }

        return true;
    }

    private void Close(Exception reason, List<SubmitWork> submits, List<SessionWork> others)
    {
        IsClosed = true;
        _queue.Writer.TryComplete();
        foreach (var work in submits)
        {
            work.Fail(reason);
        }

        foreach (var work in others)
        {
            work.Fail(reason);
        }

        while (_queue.Reader.TryRead(out var work))
        {
            work.Fail(reason is SessionClosedException ? reason : new SessionClosedException("The document session was closed.", reason));
        }

        _presenceTimer?.Dispose();
    }

    /// <summary>Latest snapshot plus the operations after it.</summary>
    private async Task<bool> LoadAsync()
    {
        var snapshot = await _store.GetSnapshotAsync(DocumentId, int.MaxValue).ConfigureAwait(false);
        if (snapshot is null)
        {
            return false;
        }

        _text = new TextDocument(snapshot.Text);
        _revision = snapshot.Revision;
        _historyStart = snapshot.Revision;
        _history.Clear();
        _loaded = true;
        await CatchUpAsync().ConfigureAwait(false);
        Log.Loaded(_logger, DocumentId, _revision, _text.Length);
        return true;
    }

    /// <summary>Applies operations other writers committed since <see cref="_revision"/>.</summary>
    private async Task CatchUpAsync()
    {
        while (true)
        {
            var missed = await _store.GetOperationsAsync(DocumentId, _revision, int.MaxValue, 1000).ConfigureAwait(false);
            foreach (var operation in missed)
            {
                _text.Apply(operation.Operation);
                AddToHistory(operation);
                TransformPresence(operation.Operation);
            }

            if (missed.Count < 1000)
            {
                return;
            }
        }
    }

    private void AddToHistory(StoredOperation operation)
    {
        _revision = operation.Revision;
        _history.Add(operation);
        if (_clients.ContainsKey(operation.ClientId))
        {
            _clients[operation.ClientId] = new SubmissionRecord(operation.ClientId, operation.Seq, operation.Revision, OperationHash.Compute(operation.Operation));
        }

        if (_history.Count > _options.HistoryWindow * 2)
        {
            int drop = _history.Count - _options.HistoryWindow;
            _history.RemoveRange(0, drop);
            _historyStart += drop;
        }
    }

    private async Task<SessionState> ReadStateAsync(int? knownRevision)
    {
        if (_options.SharedStore)
        {
            var head = await _store.GetAsync(DocumentId).ConfigureAwait(false) ?? throw CollabException.NotFound(DocumentId);
            if (head.Revision > _revision)
            {
                await CatchUpAsync().ConfigureAwait(false);
            }
        }

        var presence = SnapshotPresence();
        if (knownRevision is int known && known >= 0 && known <= _revision && _revision - known <= _options.MaxJoinOperations)
        {
            var operations = await GetCommittedOperationsAsync(known, _revision, _options.MaxJoinOperations).ConfigureAwait(false);
            return new SessionState(_revision, null, operations, presence);
        }

        if (_textCacheRevision != _revision)
        {
            _textCache = _text.ToString();
            _textCacheRevision = _revision;
        }

        return new SessionState(_revision, _textCache, null, presence);
    }

    /// <summary>Committed operations (<paramref name="after"/>, <paramref name="to"/>]: from memory when possible, else from the store.</summary>
    private async Task<IReadOnlyList<StoredOperation>> GetCommittedOperationsAsync(int after, int to, int limit)
    {
        if (after >= to)
        {
            return [];
        }

        int count = Math.Min(to - after, limit);
        if (after >= _historyStart && after + count <= _revision)
        {
            return _history.GetRange(after - _historyStart, count);
        }

        return await _store.GetOperationsAsync(DocumentId, after, after + count, limit).ConfigureAwait(false);
    }
}
