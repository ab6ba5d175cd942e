namespace CollabDocs.Storage;

/// <summary>The tokens of <paramref name="UserId"/> issued before <paramref name="RevokedBefore"/> are no longer accepted.</summary>
public sealed record TokenRevocation(string UserId, DateTimeOffset RevokedBefore);
