namespace CollabDocs.Server.Cluster;

/// <summary>
/// Follows Orleans' membership: when silos are declared dead, every document this silo owns drops the presence
/// of their connections (and tells its subscribers they left). Connections of a node that stops gracefully leave
/// one by one as they disconnect.
/// </summary>
internal sealed partial class DeadNodeWatcher(IClusterMembershipService membership, IGrainFactory grains, OwnedDocuments owned, ILogger<DeadNodeWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                var newlyDead = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress))
                    .Select(m => m.SiloAddress)
                    .ToArray();
                if (newlyDead.Length == 0)
                {
                    continue;
                }

                var documents = owned.Snapshot();
                LogNodesDead(logger, string.Join(", ", newlyDead.Select(s => s.ToString())), documents.Count);
                foreach (string documentId in documents)
                {
                    try
                    {
                        await grains.GetGrain<IDocumentGrain>(documentId).NodesDeadAsync(newlyDead).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is OrleansException or TimeoutException or Documents.CollabException)
                    {
                        LogCleanupFailed(logger, documentId, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(120, LogLevel.Information, "Silos {Silos} were declared dead; dropping their connections' presence from {Count} documents owned here.", EventName = "NodesDead")]
    private static partial void LogNodesDead(ILogger logger, string silos, int count);

    [LoggerMessage(121, LogLevel.Warning, "Document {DocumentId}: could not drop the presence of dead silos.", EventName = "DeadNodeCleanupFailed")]
    private static partial void LogCleanupFailed(ILogger logger, string documentId, Exception exception);
}
