using System.Collections.Concurrent;
using System.Text.Json;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Security;

/// <summary>
/// The buckets behind <see cref="RateLimitFilter"/>: per connection (kept in the connection's items, gone
/// when it disconnects), per user (submitted work) and per document (shared by all connections of this node, forgotten once refilled).
/// A call takes a token from its connection's bucket first, so one flooding connection cannot drain a
/// document's bucket faster than its own limit allows; <see cref="RateLimitFilter"/> takes the document's
/// token only once the caller's role allows the call, so strangers spend only their own budget.
/// </summary>
internal sealed class HubRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private const int PruneThreshold = 10_000;
    private static readonly object ItemsKey = new();

    private readonly RateLimitOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, TokenBucket> _documentSubmits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucket> _documentPresence = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucket> _userWork = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucket> _userReceived = new(StringComparer.Ordinal);
    private long _lastPrune;

    /// <summary>Null when the call may go ahead; otherwise why it may not, and when to retry.</summary>
    public RateLimitRefusal? Check(HubCallerContext context, string method, IReadOnlyList<object?> arguments) =>
        CheckConnection(context, method) ?? (DocumentOf(method, arguments) is { } documentId ? CheckDocument(context, method, documentId) : null);

    /// <summary>Takes a token from the connection's own bucket for <paramref name="method"/>.</summary>
    public RateLimitRefusal? CheckConnection(HubCallerContext context, string method)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        var connection = Buckets(context);
        return method switch
        {
            HubMethods.Submit => Take(connection.Submits, "submits from this connection"),
            HubMethods.UpdatePresence => Take(connection.Presence, "presence updates from this connection"),
            _ => Take(connection.Requests, "calls from this connection"),
        };
    }

    /// <summary>
    /// Charges a <c>Submit</c>'s work (<see cref="OperationCost"/>) to its connection and its user, before the operation
    /// is parsed or the role checked: refused or not, the caller pays for what it sent.
    /// </summary>
    public RateLimitRefusal? CheckWork(HubCallerContext context, IReadOnlyList<object?> arguments)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        var own = Buckets(context).Work;
        if (_userWork.Count > PruneThreshold)
        {
            Prune(_userWork);
        }

        string userId = Caller.From(context.User, context.ConnectionId).UserId;
        var user = _userWork.GetOrAdd(userId, static (_, state) => new TokenBucket(state.Limit, state.Time), (Limit: _options.UserSubmitWork, Time: time));
        // Measuring is one pass over what SignalR has already read, with no allocation: far cheaper than parsing.
        long cost = OperationCost.Of(arguments.Count > 2 ? arguments[2] : null);
        if (!own.TryTake(cost, out var retry))
        {
            return Refuse($"Too much submitted work from this connection ({cost} components and characters)", retry);
        }

        if (!user.TryTake(cost, out retry))
        {
            own.Return(cost);
            return Refuse($"Too much submitted work from this user ({cost} components and characters)", retry);
        }

        return null;
    }

    /// <summary>A new connection's receive bucket and its user's shared one (<see cref="Hubs.ReceiveBudgetReader"/>); null when rate limits are off.</summary>
    public (TokenBucket Connection, TokenBucket User)? ReceiveBuckets(string userId)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        if (_userReceived.Count > PruneThreshold)
        {
            Prune(_userReceived);
        }

        var user = _userReceived.GetOrAdd(userId, static (_, state) => new TokenBucket(state.Limit, state.Time), (Limit: _options.UserReceiveBytes, Time: time));
        return (new TokenBucket(_options.ConnectionReceiveBytes, time), user);
    }

    /// <summary>The document whose shared budget <paramref name="method"/> spends, or null when it spends none.</summary>
    public string? DocumentOf(string method, IReadOnlyList<object?> arguments)
    {
        if (!_options.Enabled || method is not (HubMethods.Submit or HubMethods.UpdatePresence))
        {
            return null;
        }

        // Hub arguments arrive untyped (Hubs/HubArguments): a JsonElement, or a string over MessagePack; the document id is the first one.
        string? first = arguments.Count == 0 ? null : arguments[0] switch
        {
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            _ => null,
        };
        return first is { Length: > 0 and <= DocumentIds.MaxLength } ? first : null;
    }

    /// <summary>
    /// Takes a token from the document's shared bucket, after <see cref="CheckConnection"/> allowed the call;
    /// a refusal gives the connection's token back.
    /// </summary>
    public RateLimitRefusal? CheckDocument(HubCallerContext context, string method, string documentId)
    {
        var connection = Buckets(context);
        var (own, documents, limit, what) = method == HubMethods.Submit
            ? (connection.Submits, _documentSubmits, _options.DocumentSubmits, "submits")
            : (connection.Presence, _documentPresence, _options.DocumentPresence, "presence updates");
        if (documents.Count > PruneThreshold)
        {
            Prune(documents);
        }

        var bucket = documents.GetOrAdd(documentId, static (_, state) => new TokenBucket(state.Limit, state.Time), (Limit: limit, Time: time));
        if (!bucket.TryTake(out var retry))
        {
            own.Return();
            return Refuse($"Too many {what} to document '{documentId}'", retry);
        }

        return null;
    }

    private static RateLimitRefusal? Take(TokenBucket connection, string what) =>
        connection.TryTake(out var retry) ? null : Refuse($"Too many {what}", retry);

    private ConnectionBuckets Buckets(HubCallerContext context)
    {
        if (context.Items.TryGetValue(ItemsKey, out var value) && value is ConnectionBuckets buckets)
        {
            return buckets;
        }

        buckets = new ConnectionBuckets(
            new TokenBucket(_options.ConnectionSubmits, time),
            new TokenBucket(_options.ConnectionPresence, time),
            new TokenBucket(_options.ConnectionRequests, time),
            new TokenBucket(_options.ConnectionSubmitWork, time));
        context.Items[ItemsKey] = buckets;
        return buckets;
    }

    /// <summary>Forgets refilled buckets (they behave like new ones), at most once a second.</summary>
    private void Prune(ConcurrentDictionary<string, TokenBucket> buckets)
    {
        long last = Volatile.Read(ref _lastPrune);
        if (time.GetElapsedTime(last) < TimeSpan.FromSeconds(1) || Interlocked.CompareExchange(ref _lastPrune, time.GetTimestamp(), last) != last)
        {
            return;
        }

        foreach (var (key, bucket) in buckets)
        {
            if (bucket.IsFull)
            {
                buckets.TryRemove(new KeyValuePair<string, TokenBucket>(key, bucket));
            }
        }
    }

    private static RateLimitRefusal Refuse(string what, TimeSpan retry)
    {
        int? retryAfterMs = retry == TimeSpan.MaxValue ? null : (int)Math.Min(int.MaxValue, Math.Max(1, Math.Ceiling(retry.TotalMilliseconds)));
        return new RateLimitRefusal(retryAfterMs is int ms ? $"{what}; retry in {ms} ms." : $"{what}; retry in a while.", retryAfterMs);
    }

    private sealed record ConnectionBuckets(TokenBucket Submits, TokenBucket Presence, TokenBucket Requests, TokenBucket Work);
}
