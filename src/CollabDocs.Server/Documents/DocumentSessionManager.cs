using System.Collections.Concurrent;
using CollabDocs.Server.Observability;
using CollabDocs.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Documents;

/// <summary>
/// Finds or loads the session of a document, retrying once when it meets a session that was just
/// closed, and drops idle sessions from memory. Also remembers which connections joined which documents.
/// </summary>
internal sealed class DocumentSessionManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DocumentSession> _sessions = new(StringComparer.Ordinal);
    private readonly IDocumentStore _store;
    private readonly IDocumentBroadcaster _broadcaster;
    private readonly DocumentOptions _options;
    private readonly LimitsOptions _limits;
    private readonly StorageOptions _storage;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly CollabDocsMetrics? _metrics;

    public DocumentSessionManager(
        IDocumentStore store,
        IDocumentBroadcaster broadcaster,
        IOptions<DocumentOptions> options,
        IOptions<LimitsOptions> limits,
        IOptions<StorageOptions> storage,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        CollabDocsMetrics? metrics = null)
    {
        _store = store;
        _broadcaster = broadcaster;
        _options = options.Value;
        _limits = limits.Value;
        _storage = storage.Value;
        _time = time;
        _loggerFactory = loggerFactory;
        _metrics = metrics;
        metrics?.ObserveOpenDocuments(() => _sessions.Count);
    }

    /// <summary>Who is joined to what.</summary>
    public SubscriptionRegistry Subscriptions { get; } = new();

    /// <summary>Number of documents in memory.</summary>
    public int OpenDocuments => _sessions.Count;

    /// <summary>Runs <paramref name="action"/> on the document's session, loading it if needed.</summary>
    public async Task<T> RunAsync<T>(string documentId, Func<DocumentSession, Task<T>> action)
    {
        for (int attempt = 0; ; attempt++)
        {
            var session = _sessions.GetOrAdd(documentId, Create);
            try
            {
                return await action(session).ConfigureAwait(false);
            }
            catch (SessionClosedException) when (attempt < 3)
            {
                _sessions.TryRemove(new KeyValuePair<string, DocumentSession>(documentId, session));
            }
            catch (CollabException ex) when (ex.Code is ErrorCodes.DocumentNotFound or ErrorCodes.Unavailable && session.IsClosed)
            {
                _sessions.TryRemove(new KeyValuePair<string, DocumentSession>(documentId, session));
                throw;
            }
        }
    }

    /// <summary>
    /// Another node committed <paramref name="revision"/> of the document: if its session is open here, it
    /// loads the operations it missed (in the background; never loads a session that is not open).
    /// </summary>
    public void NotifyCommitted(string documentId, int revision)
    {
        if (_sessions.TryGetValue(documentId, out var session))
        {
            session.NotifyCommitted(revision);
        }
    }

    /// <summary>Closes the document's session (deleted, for example) and tells its subscribers why.</summary>
    public async Task CloseAsync(string documentId, string reason)
    {
        if (_sessions.TryRemove(documentId, out var session))
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        var connections = Subscriptions.RemoveDocument(documentId);
        await _broadcaster.ClosedAsync(new Protocol.DocumentClosedMessage(documentId, reason), connections).ConfigureAwait(false);
    }

    /// <summary>Housekeeping, called periodically: expire silent presence, drop idle unjoined documents.</summary>
    public async Task SweepAsync()
    {
        foreach (var (documentId, session) in _sessions)
        {
            if (session.IsClosed)
            {
                _sessions.TryRemove(new KeyValuePair<string, DocumentSession>(documentId, session));
                continue;
            }

            if (Subscriptions.CountOf(documentId) == 0 && session.IdleTime > _options.IdleEviction)
            {
                if (_sessions.TryRemove(new KeyValuePair<string, DocumentSession>(documentId, session)))
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                }

                continue;
            }

            try
            {
                await session.TickAsync(TickKind.ExpirePresence).ConfigureAwait(false);
            }
            catch (SessionClosedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        _sessions.Clear();
    }

    private DocumentSession Create(string documentId) =>
        new(documentId, _store, _broadcaster, _options, _limits, _storage.SnapshotInterval, _time, _loggerFactory.CreateLogger<DocumentSession>(), _metrics);
}
