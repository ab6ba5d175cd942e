using CollabDocs.Server.Documents;
using CollabDocs.Server.Security;
using CollabDocs.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Access;

/// <summary>
/// JWT mode: every <see cref="AuthOptions.MembershipRecheckInterval"/>, compares the roles cached for this
/// node's joined connections with the store, and applies any difference. A change made through this node
/// applies at once (<see cref="MembershipService"/>); this catches changes made through other nodes or
/// directly in the database, and the rare join that raced with a revocation.
/// </summary>
internal sealed partial class MembershipRevalidator(
    DocumentActorManager sessions,
    IDocumentStore store,
    IDocumentAccess access,
    MembershipService membership,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<MembershipRevalidator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var auth = options.Value;
        // A replaced IDocumentAccess decides from data of its own: the stored roles say nothing about its callers.
        if (auth.Mode != AuthMode.Jwt || auth.MembershipRecheckInterval <= TimeSpan.Zero || access is not StoreDocumentAccess)
        {
            return;
        }

        using var timer = new PeriodicTimer(auth.MembershipRecheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RecheckAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.RecheckFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over every document with joined connections.</summary>
    public async Task RecheckAsync(CancellationToken cancellationToken = default)
    {
        foreach (string documentId in sessions.Subscriptions.Documents())
        {
            var joined = sessions.Subscriptions.MembersOf(documentId);
            if (joined.Count == 0)
            {
                continue;
            }

            var stored = new Dictionary<string, DocumentRole>(StringComparer.Ordinal);
            foreach (var member in await store.GetMembersAsync(documentId, cancellationToken).ConfigureAwait(false))
            {
                stored[member.UserId] = member.UserId.StartsWith(TokenService.SharePrefix, StringComparison.Ordinal) && member.Role > DocumentRole.Editor
                    ? DocumentRole.Editor
                    : member.Role;
            }

            var changed = new Dictionary<string, DocumentRole>(StringComparer.Ordinal);
            foreach (var connection in joined)
            {
                var role = stored.GetValueOrDefault(connection.UserId);
                if (role != connection.Role)
                {
                    changed[connection.UserId] = role;
                }
            }

            foreach (var (userId, role) in changed)
            {
                await membership.ApplyAsync(documentId, userId, role).ConfigureAwait(false);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Rechecking the roles of joined connections failed; will retry.", EventName = "RecheckFailed")]
        public static partial void RecheckFailed(ILogger logger, Exception exception);
    }
}
