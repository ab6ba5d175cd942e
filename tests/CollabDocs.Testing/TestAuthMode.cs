namespace CollabDocs.Testing;

/// <summary>How a <see cref="TestHost"/> authenticates callers (docs/security.md).</summary>
public enum TestAuthMode
{
    /// <summary>Everyone is anonymous: for tests about documents, not tokens.</summary>
    Anonymous,

    /// <summary>JWT bearer tokens signed with <see cref="TestHost.SigningKey"/>.</summary>
    Jwt,
}
