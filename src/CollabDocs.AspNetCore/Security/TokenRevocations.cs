using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Data.Common;
using CollabDocs.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Security;

/// <summary>
/// Revoked tokens ("sign out everywhere", a share link turned off): the store keeps, per user, the instant before which
/// that user's tokens are refused. Each node reads a user's stamp at most once per
/// <see cref="AuthOptions.RevocationRecheckInterval"/> (so a revocation through another node applies here within that
/// time) and applies its own at once.
/// </summary>
internal sealed partial class TokenRevocations(IDocumentStore store, IOptions<AuthOptions> auth, TimeProvider time, ILogger<TokenRevocations> logger)
{
    /// <summary>The claim with the token's issue time (JWT <c>iat</c>, whole seconds since the epoch).</summary>
    public const string IssuedAtClaim = "iat";

    private const int MaxCachedUsers = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// True when the token of <paramref name="userId"/> issued at <paramref name="issuedAt"/> was revoked. A token
    /// without an issue time counts as issued before any revocation.
    /// </summary>
    public async ValueTask<bool> IsRevokedAsync(string userId, DateTimeOffset? issuedAt, CancellationToken cancellationToken = default)
    {
        var revokedBefore = await GetAsync(userId, cancellationToken).ConfigureAwait(false);
        return revokedBefore is { } stamp && (issuedAt is not { } issued || issued < stamp);
    }

    /// <summary>
    /// Revokes every token of <paramref name="userId"/> issued until now. Token issue times have whole seconds, so the
    /// stamp is the start of the next second: a token issued in the same second as the revocation is refused too.
    /// </summary>
    public async Task<DateTimeOffset> RevokeAsync(string userId, CancellationToken cancellationToken = default)
    {
        var before = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds() + 1);
        var stamp = await store.RevokeTokensAsync(userId, before, cancellationToken).ConfigureAwait(false);
        Remember(userId, stamp);
        return stamp;
    }

    /// <summary>The issue time of an authenticated principal's token (its <c>iat</c> claim), or null.</summary>
    public static DateTimeOffset? IssuedAtOf(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.FindFirst(IssuedAtClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private async ValueTask<DateTimeOffset?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(userId, out var entry) && time.GetElapsedTime(entry.ReadAt) < auth.Value.RevocationRecheckInterval)
        {
            return entry.RevokedBefore;
        }

        DateTimeOffset? stamp;
        try
        {
            stamp = await store.GetTokensRevokedBeforeAsync(userId, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            // The store is down: what was last read stands (a store outage must not sign everyone out).
            LogReadFailed(logger, userId, ex);
            return entry?.RevokedBefore;
        }

        Remember(userId, stamp);
        return stamp;
    }

    /// <summary>Takes a revocation another node recorded (read by <see cref="RevocationWatcher"/>) without asking the store again.</summary>
    public void Remember(string userId, DateTimeOffset? stamp)
    {
        // Bounded: past the cap the cache starts over (the store answers again).
        if (_cache.Count >= MaxCachedUsers)
        {
            _cache.Clear();
        }

        _cache[userId] = new Entry(stamp, time.GetTimestamp());
    }

    [LoggerMessage(1, LogLevel.Warning, "Reading the token revocation of {UserId} failed; using what was last read.", EventName = "RevocationReadFailed")]
    private static partial void LogReadFailed(ILogger logger, string userId, Exception exception);

    private sealed record Entry(DateTimeOffset? RevokedBefore, long ReadAt);
}
