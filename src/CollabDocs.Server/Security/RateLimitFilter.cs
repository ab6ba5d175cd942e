using System.Text.Encodings.Web;
using System.Text.Json;
using CollabDocs.Server.Documents;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Server.Security;

/// <summary>
/// Rate limits hub calls (<see cref="RateLimitOptions"/>) before they reach the hub: a call over a limit fails
/// with <c>rate_limited: {"message":…,"retryAfterMs":…}</c> (the retry hint as a field, docs/protocol.md) and
/// does nothing; the connection stays open and other connections are unaffected.
/// </summary>
internal sealed class RateLimitFilter(HubRateLimiter limiter) : IHubFilter
{
    // The detail is read as JSON, never placed in HTML: quotes in document ids need no escaping.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var refusal = limiter.Check(invocationContext.Context, invocationContext.HubMethodName, invocationContext.HubMethodArguments);
        if (refusal is not null)
        {
            throw new HubException($"{ErrorCodes.RateLimited}: {JsonSerializer.Serialize(refusal, Json)}");
        }

        return next(invocationContext);
    }
}
