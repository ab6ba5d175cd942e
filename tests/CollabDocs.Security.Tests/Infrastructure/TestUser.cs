namespace CollabDocs.Security.Tests.Infrastructure;

/// <summary>A user of the tests with a valid token.</summary>
internal sealed record TestUser(string Id, string Name, string Token)
{
    public static TestUser Named(string name) => new("dev:" + name.ToLowerInvariant(), name, TestTokens.For("dev:" + name.ToLowerInvariant(), name));
}
