namespace CollabDocs.Server.Security;

/// <summary>A signed token and what it stands for.</summary>
internal sealed record IssuedToken(string Token, string UserId, string Name, DateTimeOffset ExpiresAt);
