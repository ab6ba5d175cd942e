namespace CollabDocs.Server.Security;

/// <summary>
/// Authentication of the HTTP API and the hub. Bound from <c>CollabDocs:Auth</c>; documented in docs/security.md.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "CollabDocs:Auth";

    /// <summary><see cref="AuthMode.Jwt"/> (default) or <see cref="AuthMode.Anonymous"/>, which must be set explicitly.</summary>
    public AuthMode Mode { get; set; } = AuthMode.Jwt;

    /// <summary>The <c>iss</c> of tokens this server issues and accepts.</summary>
    public string Issuer { get; set; } = "collabdocs";

    /// <summary>The <c>aud</c> of tokens this server issues and accepts.</summary>
    public string Audience { get; set; } = "collabdocs";

    /// <summary>
    /// The HMAC-SHA256 key that signs and verifies tokens: base64 of at least 32 bytes, or else text of at
    /// least 32 UTF-8 bytes. Empty: in the Development environment a random key is generated once and kept
    /// in the data directory (<see cref="SigningKeyProvider.FileName"/>); anywhere else start-up fails.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Lifetime of the tokens issued by the development endpoint.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Lifetime of share-link tokens.</summary>
    public TimeSpan ShareLinkLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Tolerance for clock differences when checking a token's <c>nbf</c> and <c>exp</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the roles cached for joined connections are compared with the store, to apply changes made
    /// through other nodes (changes made through this node apply at once). Zero turns the check off.
    /// </summary>
    public TimeSpan MembershipRecheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a node trusts what it last read of a user's token revocation (<c>POST /api/auth/signout-everywhere</c>):
    /// a revocation made through another node is honoured here within this time, for new requests and (at the next
    /// recheck) for open hub connections. A revocation made through this node applies at once. Zero reads the store on
    /// every authenticated request.
    /// </summary>
    public TimeSpan RevocationRecheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Enables <c>POST /api/dev/token</c>, which hands anyone a token for any name: for the demo and local
    /// use only. Off by default; on in <c>appsettings.Development.json</c>.
    /// </summary>
    public bool DevelopmentTokens { get; set; }

    /// <summary>True when the host app authenticates (<c>AddCollabDocs</c> without built-in authentication).</summary>
    internal bool HostAuthenticates { get; set; }
}
