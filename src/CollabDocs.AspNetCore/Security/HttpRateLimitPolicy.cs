using System.Globalization;
using System.Threading.RateLimiting;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace CollabDocs.Server.Security;

/// <summary>
/// One HTTP rate limit of <see cref="RateLimitOptions"/> for ASP.NET Core's rate limiting middleware: a token bucket
/// per caller (the signed-in user's id, else the client's IP address), refused with <c>429</c> and the problem details
/// of every API error (<c>code: rate_limited</c>, <c>retryAfterMs</c>) plus a <c>Retry-After</c> header.
/// </summary>
internal sealed class HttpRateLimitPolicy(RateLimitOptions options, RateLimit limit, string what) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!options.Enabled)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        return RateLimitPartition.GetTokenBucketLimiter(PartitionOf(httpContext), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / limit.PermitsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>The signed-in user (whatever connection or address it calls from); an anonymous caller by its address.</summary>
    internal static string PartitionOf(HttpContext httpContext)
    {
        var caller = Caller.From(httpContext.User, "http");
        return caller.IsAuthenticated
            ? "user:" + caller.UserId
            : "ip:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        int? retryAfterMs = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Min(int.MaxValue, Math.Max(1, Math.Ceiling(retryAfter.TotalMilliseconds)))
            : null;
        var http = context.HttpContext;
        if (retryAfterMs is int ms)
        {
            http.Response.Headers.RetryAfter = ((ms + 999L) / 1000).ToString(CultureInfo.InvariantCulture);
        }

        string message = retryAfterMs is int wait ? $"Too many {what} from this caller; retry in {wait} ms." : $"Too many {what} from this caller; retry in a while.";
        await TypedResults.Problem(
            detail: message,
            statusCode: StatusCodes.Status429TooManyRequests,
            title: ErrorCodes.RateLimited,
            extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.RateLimited, ["retryAfterMs"] = retryAfterMs })
            .ExecuteAsync(http).ConfigureAwait(false);
    }
}
