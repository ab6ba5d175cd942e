using System.IO.Pipelines;
using CollabDocs.Server.Hubs;
using CollabDocs.Server.Identity;
using CollabDocs.Server.Security;
using Microsoft.AspNetCore.Http.Connections;

namespace Microsoft.AspNetCore.Connections;

/// <summary>Puts a <see cref="ReceiveBudgetReader"/> between each connection's handler and its transport.</summary>
internal static class ReceiveBudgetConnectionBuilderExtensions
{
    public static IConnectionBuilder UseReceiveBudget(this IConnectionBuilder builder)
    {
        var limiter = builder.ApplicationServices.GetRequiredService<HubRateLimiter>();
        var time = builder.ApplicationServices.GetRequiredService<TimeProvider>();
        return builder.Use(next => connection =>
        {
            var principal = connection.GetHttpContext()?.User;
            if (limiter.ReceiveBuckets(Caller.From(principal, connection.ConnectionId).UserId) is var (own, user))
            {
                connection.Transport = new Throttled(new ReceiveBudgetReader(connection.Transport.Input, own, user, time), connection.Transport.Output);
            }

            return next(connection);
        });
    }

    private sealed record Throttled(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
