using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Hooks;
using CollabDocs.Server.Observability;
using CollabDocs.Storage;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace CollabDocs.Server.Cluster;

/// <summary>
/// A document's single sequencer in the cluster: the grain hosts the document's actor (text, recent history,
/// exactly-once cache, presence, group commit), loaded from the store on activation. Reentrant on purpose: calls
/// queue into the actor's loop, so submits that arrive together are committed together. The store's conditional
/// commit still guards the order if Orleans briefly runs two activations during a membership change.
/// </summary>
[Reentrant]
[RandomPlacement]
internal sealed partial class DocumentGrain(
    IDocumentStore store,
    IDocumentBroadcaster broadcaster,
    IOptions<DocumentOptions> options,
    IOptions<LimitsOptions> limits,
    OwnedDocuments owned,
    IClusterMembershipService membership,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    CollabDocsMetrics metrics,
    IEnumerable<ISubmitValidator> validators,
    ResidentMemory resident) : Grain, IDocumentGrain, IDisposable
{
    private static readonly TimeSpan HousekeepingPeriod = TimeSpan.FromSeconds(5);

    private readonly ISubmitValidator[] _validators = [.. validators];

    // The node (silo) of every connection with presence here, to drop them when their node dies.
    private readonly Dictionary<string, SiloAddress> _nodes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _deactivating = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<DocumentGrain>();
    private DocumentActor? _actor;
    private IGrainTimer? _housekeeping;
    private Task? _membershipWatch;

    private string DocumentId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        owned.Add(DocumentId);
        _housekeeping = this.RegisterGrainTimer(() => ExpirePresenceAsync(), new GrainTimerCreationOptions(HousekeepingPeriod, HousekeepingPeriod) { Interleave = true });
        // Started here, so it runs in this activation's context. A watcher outside the grain would have to call
        // it through the grain directory, whose entry may have been on the dead node: that call can land on a
        // new, empty activation and leave this one's presence in place.
        _membershipWatch = DropConnectionsOfDeadNodesAsync(_deactivating.Token);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _housekeeping?.Dispose();
        await _deactivating.CancelAsync().ConfigureAwait(true);
        if (_membershipWatch is { } watch)
        {
            await watch.ConfigureAwait(true);
        }

        owned.Remove(DocumentId);
        if (_actor is { } actor)
        {
            _actor = null;
            await actor.DisposeAsync().ConfigureAwait(true);
        }
    }

    public void Dispose() => _deactivating.Dispose();

    public async Task<DocumentReadState> JoinAsync(JoinCommand command, SiloAddress node)
    {
        var state = await RunAsync(s => s.ReadAsync(command.KnownRevision)).ConfigureAwait(true);
        await RunAsync(s => s.UpdatePresenceAsync(new PresenceCommand(command.ConnectionId, command.UserId, command.Name, command.Color, state.Revision, []))).ConfigureAwait(true);
        _nodes[command.ConnectionId] = node;
        return state;
    }

    public Task<DocumentReadState> ReadAsync() => RunAsync(s => s.ReadAsync(null));

    public Task<SubmitResult> SubmitAsync(SubmitCommand command) => RunAsync(s => s.SubmitAsync(command));

    public Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(int afterRevision, int toRevision, int limit) =>
        RunAsync(s => s.GetOperationsAsync(afterRevision, toRevision, limit));

    public async Task UpdatePresenceAsync(PresenceCommand command, SiloAddress node)
    {
        await RunAsync(s => s.UpdatePresenceAsync(command)).ConfigureAwait(true);
        _nodes[command.SessionId] = node;
    }

    public async Task RemovePresenceAsync(string connectionId)
    {
        _nodes.Remove(connectionId);
        await RunAsync(s => s.RemovePresenceAsync(connectionId)).ConfigureAwait(true);
    }

    /// <summary>Follows Orleans' membership: the connections of nodes declared dead leave this document.</summary>
    private async Task DropConnectionsOfDeadNodesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken).ConfigureAwait(true))
            {
                var gone = _nodes.Where(n => snapshot.GetSiloStatus(n.Value) == SiloStatus.Dead).Select(n => n.Key).ToList();
                foreach (string connectionId in gone)
                {
                    await RemovePresenceAsync(connectionId).ConfigureAwait(true);
                }

                if (gone.Count > 0)
                {
                    LogDeadNodeConnectionsDropped(_logger, DocumentId, gone.Count);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is CollabException or OrleansException)
        {
            LogDeadNodeCleanupFailed(_logger, DocumentId, ex);
        }
    }

    public async Task CloseAsync()
    {
        if (_actor is { } actor)
        {
            _actor = null;
            await actor.DisposeAsync().ConfigureAwait(true);
        }

        _nodes.Clear();
        DeactivateOnIdle();
    }

    private async Task ExpirePresenceAsync()
    {
        if (_actor is { IsClosed: false } actor)
        {
            try
            {
                await actor.ExpirePresenceAsync().ConfigureAwait(true);
            }
            catch (ActorClosedException)
            {
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the actor, loading it if needed (again after it closed on a store
    /// failure). Errors leave as <see cref="CollabException"/> without their inner exception, which need not be
    /// serializable (a database driver's, for example); the actor logged it.
    /// </summary>
    private async Task<T> RunAsync<T>(Func<DocumentActor, Task<T>> action)
    {
        for (int attempt = 0; ; attempt++)
        {
            // Deactivation, not the host's stopping token, ends the actor: a graceful stop hands queued work off.
            var actor = _actor ??= new DocumentActor(DocumentId, new DocumentActorServices(
                store, broadcaster, options.Value, limits.Value, time, loggerFactory.CreateLogger<DocumentActor>(), metrics, CancellationToken.None, _validators, resident));
            try
            {
                return await action(actor).ConfigureAwait(true);
            }
            catch (ActorClosedException) when (attempt < 3)
            {
                Forget(actor);
            }
            catch (CollabException ex)
            {
                if (actor.IsClosed)
                {
                    Forget(actor);
                }

                throw ex.InnerException is null ? ex : new CollabException(ex.Code, ex.Message);
            }
        }
    }

    private void Forget(DocumentActor actor)
    {
        if (ReferenceEquals(_actor, actor))
        {
            _actor = null;
            _ = actor.DisposeAsync().AsTask();
        }
    }

    [LoggerMessage(120, LogLevel.Information, "Document {DocumentId}: the presence of {Count} connections on nodes declared dead was dropped.", EventName = "DeadNodeConnectionsDropped")]
    private static partial void LogDeadNodeConnectionsDropped(ILogger logger, string documentId, int count);

    [LoggerMessage(121, LogLevel.Warning, "Document {DocumentId}: could not drop the presence of connections on dead nodes.", EventName = "DeadNodeCleanupFailed")]
    private static partial void LogDeadNodeCleanupFailed(ILogger logger, string documentId, Exception exception);
}
