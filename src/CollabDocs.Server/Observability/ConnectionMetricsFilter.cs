using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Server.Observability;

/// <summary>Counts the hub connections open on this node (the <c>collabdocs.connections</c> gauge).</summary>
internal sealed class ConnectionMetricsFilter(CollabDocsMetrics metrics) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        await next(context).ConfigureAwait(false);
        metrics.ConnectionOpened();
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        metrics.ConnectionClosed();
        await next(context, exception).ConfigureAwait(false);
    }
}
