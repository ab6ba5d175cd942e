using System.Collections.Concurrent;
using System.Globalization;
using CollabDocs.Protocol;
using CollabDocs.Server.Security;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Documents;

/// <summary>
/// Documents each user may create on this node: a bucket of <see cref="LimitsOptions.MaxDocumentsCreatedPerHour"/>,
/// refilled evenly over the hour, a bucket of creations a second (<see cref="RateLimitOptions.UserNewDocuments"/>) and a
/// bucket of the characters of their texts (<see cref="RateLimitOptions.UserNewDocumentCharacters"/>), so that a burst of
/// documents, or of large ones, is spread out instead of landing on the server's writer at once. A refusal by a later
/// bucket gives back what the earlier ones took. Buckets that refilled are forgotten.
/// </summary>
internal sealed class DocumentCreationBudget(IOptions<LimitsOptions> limits, IOptions<RateLimitOptions> rateLimits, TimeProvider time)
{
    private const int PruneThreshold = 10_000;
    private readonly ConcurrentDictionary<string, TokenBucket> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucket> _rates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucket> _characters = new(StringComparer.Ordinal);

    /// <summary>Takes one creation of <paramref name="length"/> characters from <paramref name="userId"/>'s budgets, or throws <c>rate_limited</c>.</summary>
    public void Take(string userId, int length)
    {
        int perHour = limits.Value.MaxDocumentsCreatedPerHour;
        var count = Bucket(_counts, userId, new RateLimit { Burst = perHour, PermitsPerSecond = perHour / 3600.0 });
        if (!count.TryTake(out var retryAfter))
        {
            throw Refusal(string.Create(CultureInfo.InvariantCulture, $"You may create at most {perHour} documents per hour; try again in {Math.Ceiling(retryAfter.TotalSeconds)} s."), retryAfter);
        }

        var options = rateLimits.Value;
        if (!options.Enabled)
        {
            return;
        }

        var rate = Bucket(_rates, userId, options.UserNewDocuments);
        if (!rate.TryTake(out retryAfter))
        {
            count.Return();
            throw Refusal(string.Create(CultureInfo.InvariantCulture, $"Too many new documents from this user at once; try again in {Math.Ceiling(retryAfter.TotalMilliseconds)} ms."), retryAfter);
        }

        if (length > 0 && !Bucket(_characters, userId, options.UserNewDocumentCharacters).TryTake(length, out retryAfter))
        {
            count.Return();
            rate.Return();
            throw Refusal(string.Create(CultureInfo.InvariantCulture, $"Too many characters in new documents from this user ({length} in this one); try again in {Math.Ceiling(retryAfter.TotalMilliseconds)} ms."), retryAfter);
        }
    }

    private TokenBucket Bucket(ConcurrentDictionary<string, TokenBucket> buckets, string userId, RateLimit limit)
    {
        if (buckets.Count > PruneThreshold)
        {
            foreach (var (user, bucket) in buckets)
            {
                if (bucket.IsFull)
                {
                    buckets.TryRemove(user, out _);
                }
            }
        }

        return buckets.GetOrAdd(userId, static (_, state) => new TokenBucket(state.Limit, state.Time), (Limit: limit, Time: time));
    }

    // The time until the bucket allows the creation (ProblemFilter sends Retry-After and retryAfterMs).
    private static CollabException Refusal(string message, TimeSpan retryAfter) =>
        new(ErrorCodes.RateLimited, message) { RetryAfter = retryAfter };
}
