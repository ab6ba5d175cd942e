namespace CollabDocs.Storage.Entities;

/// <summary>The tokens of <see cref="UserId"/> issued before <see cref="RevokedBefore"/> (Unix milliseconds) are no longer accepted.</summary>
internal sealed class TokenRevocationEntity
{
    public required string UserId { get; set; }

    public long RevokedBefore { get; set; }
}
