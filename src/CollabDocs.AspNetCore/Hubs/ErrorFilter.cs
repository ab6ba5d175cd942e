using System.Text.Encodings.Web;
using System.Text.Json;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Observability;
using CollabDocs.Server.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// Turns refusals into <see cref="HubException"/>s whose message starts with the stable error code, so a
/// client can act on it; anything unexpected is logged and reported as <c>unavailable</c> without details. A refusal
/// that knows when to retry carries JSON after the code, as <c>rate_limited</c> does: <c>{"message":…,"retryAfterMs":…}</c>.
/// </summary>
internal sealed partial class ErrorFilter(CollabDocsMetrics metrics, ILogger<ErrorFilter> logger) : IHubFilter
{
    // The detail is read as JSON, never placed in HTML: quotes in document ids need no escaping.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        catch (CollabException ex)
        {
            metrics.HubError(invocationContext.HubMethodName, ex.Code);
            throw new HubException(ex.RetryAfter is { } wait
                ? $"{ex.Code}: {JsonSerializer.Serialize(new RateLimitRefusal(ex.Message, (int)Math.Ceiling(wait.TotalMilliseconds)), Json)}"
                : $"{ex.Code}: {ex.Message}");
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnexpected(logger, invocationContext.HubMethodName, ex);
            metrics.HubError(invocationContext.HubMethodName, ErrorCodes.Unavailable);
            throw new HubException($"{ErrorCodes.Unavailable}: The server could not handle '{invocationContext.HubMethodName}'; nothing was changed.");
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Hub method {Method} failed unexpectedly.", EventName = "HubMethodFailed")]
    private static partial void LogUnexpected(ILogger logger, string method, Exception exception);
}
