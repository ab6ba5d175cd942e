using CollabDocs.Server.Hubs;
using CollabDocs.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Security;

/// <summary>
/// JWT mode: every <see cref="AuthOptions.RevocationRecheckInterval"/> (at least a second), reads the token revocations
/// recorded lately through any node (one query per node, whatever the number of users) and applies them here: this
/// node's cache refuses the revoked tokens, and the hub connections opened with them are closed. A revocation made
/// through this node applies at once (<see cref="SignOutEndpoints"/>); this is how the other nodes of a cluster learn of it.
/// </summary>
internal sealed partial class RevocationWatcher(
    IDocumentStore store,
    TokenRevocations revocations,
    UserConnections connections,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<RevocationWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var auth = options.Value;
        if (auth.Mode != AuthMode.Jwt || auth.HostAuthenticates)
        {
            return;
        }

        var period = auth.RevocationRecheckInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : auth.RevocationRecheckInterval;
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    // Stamps come from the revoking node's clock, one second ahead: look back two periods plus the allowed skew.
                    await ApplyRecentAsync(time.GetUtcNow() - (2 * period) - auth.ClockSkew - TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogWatchFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Applies every revocation stamped after <paramref name="after"/>; how many connections it closed.</summary>
    public async Task<int> ApplyRecentAsync(DateTimeOffset after, CancellationToken cancellationToken = default)
    {
        int closed = 0;
        foreach (var revocation in await store.GetTokenRevocationsAsync(after, cancellationToken).ConfigureAwait(false))
        {
            revocations.Remember(revocation.UserId, revocation.RevokedBefore);
            closed += connections.CloseRevoked(revocation.UserId, revocation.RevokedBefore);
        }

        return closed;
    }

    [LoggerMessage(1, LogLevel.Warning, "Reading recent token revocations failed; will retry.", EventName = "RevocationWatchFailed")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);
}
