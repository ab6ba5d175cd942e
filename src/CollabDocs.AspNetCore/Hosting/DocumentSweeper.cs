using CollabDocs.Server.Documents;

namespace CollabDocs.Server.Hosting;

/// <summary>Periodic housekeeping of document actors: presence expiry and eviction of idle documents.</summary>
internal sealed class DocumentSweeper(DocumentActorManager actors, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await actors.SweepAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
