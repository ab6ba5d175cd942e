using System.Collections.Concurrent;
using System.Globalization;
using CollabDocs.Protocol;
using CollabDocs.Server.Security;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Documents;

/// <summary>
/// Documents each user may create on this node: a bucket of <see cref="LimitsOptions.MaxDocumentsCreatedPerHour"/>,
/// refilled evenly over the hour. Buckets that refilled are forgotten.
/// </summary>
internal sealed class DocumentCreationBudget(IOptions<LimitsOptions> limits, TimeProvider time)
{
    private const int PruneThreshold = 10_000;
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one creation from <paramref name="userId"/>'s budget, or throws <c>rate_limited</c>.</summary>
    public void Take(string userId)
    {
        if (_buckets.Count > PruneThreshold)
        {
            foreach (var (user, bucket) in _buckets)
            {
                if (bucket.IsFull)
                {
                    _buckets.TryRemove(user, out _);
                }
            }
        }

        int perHour = limits.Value.MaxDocumentsCreatedPerHour;
        var limit = new RateLimit { Burst = perHour, PermitsPerSecond = perHour / 3600.0 };
        var userBucket = _buckets.GetOrAdd(userId, static (_, state) => new TokenBucket(state.Limit, state.Time), (Limit: limit, Time: time));
        if (!userBucket.TryTake(out var retryAfter))
        {
            throw new CollabException(
                ErrorCodes.RateLimited,
                string.Create(CultureInfo.InvariantCulture, $"You may create at most {perHour} documents per hour; try again in {Math.Ceiling(retryAfter.TotalSeconds)} s."))
            {
                // The time until the bucket holds one creation again (ProblemFilter sends Retry-After and retryAfterMs).
                RetryAfter = retryAfter,
            };
        }
    }
}
