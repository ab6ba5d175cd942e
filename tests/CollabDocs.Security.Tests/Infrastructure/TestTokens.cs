using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CollabDocs.Security.Tests.Infrastructure;

/// <summary>JWTs made by the tests, good and bad, signed with the key the test server is configured with.</summary>
internal static class TestTokens
{
    /// <summary>The server's signing key in these tests (base64 of 32 bytes).</summary>
    public static readonly string SigningKey = TestHost.SigningKey;

    public const string Issuer = "collabdocs";
    public const string Audience = "collabdocs";

    /// <summary>A valid token for <paramref name="userId"/> unless the optional arguments say otherwise.</summary>
    public static string For(
        string userId,
        string? name = null,
        DateTimeOffset? expires = null,
        DateTimeOffset? notBefore = null,
        string? key = null,
        string issuer = Issuer,
        string audience = Audience,
        IDictionary<string, object>? claims = null,
        bool unsigned = false,
        bool issuedAt = true)
    {
        var now = DateTimeOffset.UtcNow;
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>())
        {
            ["sub"] = userId,
            ["name"] = name ?? userId,
        };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt ? (notBefore ?? now.AddMinutes(-1)).UtcDateTime : null,
            NotBefore = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            Claims = all,
            SigningCredentials = unsigned ? null : new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key ?? SigningKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>Another key of the right size, for bad signatures.</summary>
    public static string OtherKey => Convert.ToBase64String(Encoding.ASCII.GetBytes("some-other-key-that-is-32-bytes!"));
}
