using System.Collections.Concurrent;
using CollabDocs.Protocol;
using CollabDocs.Server.Hooks;
using CollabDocs.Server.Observability;
using CollabDocs.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Documents;

/// <summary>
/// Finds or loads the actor of a document, retrying once when it meets an actor that was just
/// closed, and drops idle actors from memory; loads stay within <see cref="DocumentOptions.MaxResidentBytes"/>
/// (DocumentActorManager.Memory.cs). Also remembers which connections joined which documents.
/// </summary>
internal sealed partial class DocumentActorManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DocumentActor> _actors = new(StringComparer.Ordinal);
    private readonly IDocumentStore _store;
    private readonly IDocumentBroadcaster _broadcaster;
    private readonly DocumentOptions _options;
    private readonly LimitsOptions _limits;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly CollabDocsMetrics? _metrics;
    private readonly ISubmitValidator[] _validators;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ResidentMemory _resident;
    private readonly ILogger _logger;

    public DocumentActorManager(
        IDocumentStore store,
        IDocumentBroadcaster broadcaster,
        IOptions<DocumentOptions> options,
        IOptions<LimitsOptions> limits,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        CollabDocsMetrics? metrics = null,
        IEnumerable<ISubmitValidator>? validators = null,
        ResidentMemory? resident = null)
    {
        _resident = resident ?? new ResidentMemory();
        _logger = loggerFactory.CreateLogger<DocumentActorManager>();
        _validators = validators is null ? [] : [.. validators];
        _store = store;
        _broadcaster = broadcaster;
        _options = options.Value;
        _limits = limits.Value;
        _time = time;
        _loggerFactory = loggerFactory;
        _metrics = metrics;
        metrics?.ObserveOpenDocuments(() => _actors.Count);
    }

    /// <summary>Who is joined to what.</summary>
    public SubscriptionRegistry Subscriptions { get; } = new();

    /// <summary>Number of documents in memory.</summary>
    public int OpenDocuments => _actors.Count;

    /// <summary>Runs <paramref name="action"/> on the document's actor, loading it if needed.</summary>
    public async Task<T> RunAsync<T>(string documentId, Func<DocumentActor, Task<T>> action)
    {
        for (int attempt = 0; ; attempt++)
        {
            var actor = _actors.TryGetValue(documentId, out var resident) ? resident : await AdmitAsync(documentId).ConfigureAwait(false);
            try
            {
                return await action(actor).ConfigureAwait(false);
            }
            catch (ActorClosedException) when (attempt < 3)
            {
                _actors.TryRemove(new KeyValuePair<string, DocumentActor>(documentId, actor));
            }
            catch (CollabException ex) when (ex.Code is ErrorCodes.DocumentNotFound or ErrorCodes.Unavailable && actor.IsClosed)
            {
                _actors.TryRemove(new KeyValuePair<string, DocumentActor>(documentId, actor));
                throw;
            }
        }
    }

    /// <summary>Closes the document's actor (deleted, for example) and tells its subscribers why.</summary>
    public async Task CloseAsync(string documentId, string reason)
    {
        if (_actors.TryRemove(documentId, out var actor))
        {
            await actor.DisposeAsync().ConfigureAwait(false);
        }

        var connections = Subscriptions.RemoveDocument(documentId);
        await _broadcaster.ClosedAsync(new Protocol.DocumentClosedMessage(documentId, reason), connections).ConfigureAwait(false);
    }

    /// <summary>Housekeeping, called periodically: expire silent presence, drop idle unjoined documents.</summary>
    public async Task SweepAsync()
    {
        foreach (var (documentId, actor) in _actors)
        {
            if (actor.IsClosed)
            {
                _actors.TryRemove(new KeyValuePair<string, DocumentActor>(documentId, actor));
                continue;
            }

            if (Subscriptions.CountOf(documentId) == 0 && actor.IdleTime > _options.IdleEviction)
            {
                if (_actors.TryRemove(new KeyValuePair<string, DocumentActor>(documentId, actor)))
                {
                    await actor.DisposeAsync().ConfigureAwait(false);
                }

                continue;
            }

            try
            {
                await actor.ExpirePresenceAsync().ConfigureAwait(false);
            }
            catch (ActorClosedException)
            {
            }
        }
    }

    /// <summary>Cancels the actors' store calls in flight (the host is stopping), then closes them.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var actor in _actors.Values)
        {
            await actor.DisposeAsync().ConfigureAwait(false);
        }

        _actors.Clear();
        _stopping.Dispose();
        _admission.Dispose();
    }

    private DocumentActor Create(string documentId, long expectedBytes) =>
        new(documentId, new DocumentActorServices(_store, _broadcaster, _options, _limits, _time, _loggerFactory.CreateLogger<DocumentActor>(), _metrics, _stopping.Token, _validators, _resident), expectedBytes);
}
