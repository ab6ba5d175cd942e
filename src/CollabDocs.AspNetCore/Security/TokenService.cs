using System.Security.Cryptography;
using CollabDocs.Server.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CollabDocs.Server.Security;

/// <summary>
/// Issues the tokens this server signs itself: development user tokens and share links.
/// Tokens from an external identity provider work too, as long as they use the same issuer, audience and key.
/// </summary>
internal sealed class TokenService(SigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Prefix of the user id of a share link; such ids cannot be granted roles directly.</summary>
    public const string SharePrefix = "share:";

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>A token for the user <paramref name="userId"/> named <paramref name="name"/>.</summary>
    public IssuedToken IssueUserToken(string userId, string name) =>
        Issue(userId, name, options.Value.TokenLifetime, extraClaims: null);

    /// <summary>
    /// A share link: a token for a fresh <c>share:…</c> user id, bound to <paramref name="documentId"/> with
    /// <paramref name="role"/> (<c>viewer</c> or <c>editor</c>). It works only while that user id keeps its role on
    /// the document (see MembershipService).
    /// </summary>
    public IssuedToken IssueShareToken(string documentId, string role = "viewer")
    {
        string userId = SharePrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        return Issue(userId, role == "editor" ? "Link editor" : "Link viewer", options.Value.ShareLinkLifetime, new Dictionary<string, object>
        {
            [Caller.DocumentClaim] = documentId,
            [Caller.RoleClaim] = role,
        });
    }

    private IssuedToken Issue(string userId, string name, TimeSpan lifetime, Dictionary<string, object>? extraClaims)
    {
        var auth = options.Value;
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var claims = extraClaims ?? new Dictionary<string, object>(4);
        claims[Caller.SubjectClaim] = userId;
        claims[Caller.NameClaim] = name;
        claims[JwtRegisteredClaimNames.Jti] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        string token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, userId, name, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }
}
