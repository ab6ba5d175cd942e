using CollabDocs.Server.Documents;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Server.Security;

/// <summary>
/// Rate limits hub calls (<see cref="RateLimitOptions"/>) before they reach the hub: a call over a limit fails
/// with <c>rate_limited: …</c> and does nothing; the connection stays open and other connections are unaffected.
/// </summary>
internal sealed class RateLimitFilter(HubRateLimiter limiter) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        string? refusal = limiter.Check(invocationContext.Context, invocationContext.HubMethodName, invocationContext.HubMethodArguments);
        if (refusal is not null)
        {
            throw new HubException($"{ErrorCodes.RateLimited}: {refusal}");
        }

        return next(invocationContext);
    }
}
