using System.Text.Encodings.Web;
using System.Text.Json;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Security;

/// <summary>
/// Rate limits hub calls (<see cref="RateLimitOptions"/>) before they reach the hub: a call over a limit fails
/// with <c>rate_limited: {"message":…,"retryAfterMs":…}</c> (the retry hint as a field, docs/protocol.md) and
/// does nothing; the connection stays open and other connections are unaffected.
/// </summary>
internal sealed class RateLimitFilter(HubRateLimiter limiter, DocumentBudgetGate gate) : IHubFilter
{
    // The detail is read as JSON, never placed in HTML: quotes in document ids need no escaping.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        string method = invocationContext.HubMethodName;
        // Own budgets first (calls, then a submit's work), then the role, then the document's shared budget: the order that costs the caller.
        var refusal = limiter.CheckConnection(context, method);
        if (refusal is null && method == HubMethods.Submit)
        {
            refusal = limiter.CheckWork(context, invocationContext.HubMethodArguments);
        }

        if (refusal is null
            && limiter.DocumentOf(method, invocationContext.HubMethodArguments) is { } documentId
            && await gate.MaySpendAsync(context, invocationContext.ServiceProvider.GetRequiredService<CallRole>(), method, documentId).ConfigureAwait(false))
        {
            refusal = limiter.CheckDocument(context, method, documentId);
        }

        if (refusal is not null)
        {
            throw new HubException($"{ErrorCodes.RateLimited}: {JsonSerializer.Serialize(refusal, Json)}");
        }

        return await next(invocationContext).ConfigureAwait(false);
    }
}
