using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// A graceful stop (SIGTERM) closes the hub's connections cleanly instead of cutting their sockets: when the application
/// starts stopping, new submits are refused with <c>unavailable</c> (<see cref="HubDrain"/>), the calls in flight finish
/// (their commits included), and then every connection gets SignalR's close message allowing reconnect. All of it within
/// <see cref="HubTimeoutOptions.DrainTimeout"/> and the host's <see cref="HostOptions.ShutdownTimeout"/>.
/// </summary>
/// <remarks>
/// It runs on <c>ApplicationStopping</c>, registered when the host starts: cancellation callbacks run last-registered
/// first, so it runs before SignalR's connection manager (registered when the hub was mapped) disposes every transport.
/// </remarks>
internal sealed partial class GracefulHubStop(
    HubDrain drain,
    UserConnections connections,
    IHostApplicationLifetime lifetime,
    IOptions<HubTimeoutOptions> timeouts,
    IOptions<HostOptions> host,
    ILogger<GracefulHubStop> logger) : IHostedService
{
    /// <summary>
    /// How long no call must start before the connections are closed: the clients have read their answers (refusals
    /// included) and sent nothing more. A call that reaches the server after the close is not run; its client sees the
    /// connection close and resends. 300 ms was too short on a loaded 2-core machine (a writer's next submit arrived later).
    /// </summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(() => DrainAsync().GetAwaiter().GetResult());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }

    private async Task DrainAsync()
    {
        var budget = timeouts.Value.DrainTimeout < host.Value.ShutdownTimeout ? timeouts.Value.DrainTimeout : host.Value.ShutdownTimeout;
        long start = TimeProvider.System.GetTimestamp();
        drain.Stop();
        int open = connections.Count;
        if (open == 0 && drain.InFlight == 0)
        {
            return;
        }

        LogDraining(logger, open, drain.InFlight);
        bool quiet = await drain.WaitQuietAsync(Quiet, budget).ConfigureAwait(false);
        int closed = connections.CloseEveryone();

        // Each closed connection writes its close message and then leaves (OnDisconnectedAsync); give that the rest of the budget, at least a second.
        var left = budget - TimeProvider.System.GetElapsedTime(start);
        bool gone = await HubDrain.WaitUntilAsync(() => connections.Count == 0, left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        LogDrained(logger, closed, quiet, gone, (int)TimeProvider.System.GetElapsedTime(start).TotalMilliseconds);
    }

    [LoggerMessage(1, LogLevel.Information, "Stopping: refusing new submits; {Connections} connection(s) open, {InFlight} call(s) in flight.", EventName = "HubDraining")]
    private static partial void LogDraining(ILogger logger, int connections, int inFlight);

    [LoggerMessage(2, LogLevel.Information, "Stopping: closed {Closed} connection(s) (calls finished: {Quiet}; all left: {Gone}) in {ElapsedMs} ms.", EventName = "HubDrained")]
    private static partial void LogDrained(ILogger logger, int closed, bool quiet, bool gone, int elapsedMs);
}
