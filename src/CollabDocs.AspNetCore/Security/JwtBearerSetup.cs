using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CollabDocs.Server.Security;

/// <summary>
/// Configures JWT bearer validation from <see cref="AuthOptions"/>: HS256 with the configured key, issuer,
/// audience and lifetime (on <see cref="TimeProvider"/>), claims kept as they are in the token
/// (<c>sub</c>, <c>name</c>). The token comes from the <c>Authorization</c> header, or from the
/// <c>access_token</c> query parameter on the hub path only (browsers cannot set headers on WebSockets). A token its
/// user revoked (<see cref="TokenRevocations"/>) is refused like an invalid one.
/// </summary>
internal sealed class JwtBearerSetup(SigningKeyProvider keys, IOptions<AuthOptions> auth, TimeProvider time, TokenRevocations revocations) : IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>The SignalR hub's path (as <c>MapCollabDocs</c> maps it), the only place a query-string token is accepted.</summary>
    public const string HubPath = "/hubs/docs";

    /// <summary>The name of the options share-link tokens are validated with (no authentication scheme has it).</summary>
    public const string ShareLinkOptionsName = "CollabDocs.ShareLinks";

    public void Configure(string? name, JwtBearerOptions options)
    {
        // The "Bearer" scheme is CollabDocs' own only with built-in authentication; a host may have its own.
        if (name == ShareLinkOptionsName || (name == JwtBearerDefaults.AuthenticationScheme && !auth.Value.HostAuthenticates))
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        var settings = auth.Value;
        var skew = settings.ClockSkew;
        options.MapInboundClaims = false;
        options.TimeProvider = time;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            // Resolved on first use, so anonymous mode never needs a key.
            IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = skew,
            NameClaimType = Identity.Caller.NameClaim,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return expires is DateTime end && end + skew >= now && (notBefore is not DateTime start || start - skew <= now);
            },
        };
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                var request = context.Request;
                if (string.IsNullOrEmpty(context.Token)
                    && !request.Headers.ContainsKey("Authorization")
                    && request.Path.StartsWithSegments(HubPath, StringComparison.OrdinalIgnoreCase)
                    && request.Query.TryGetValue("access_token", out var token)
                    && token.Count == 1)
                {
                    context.Token = token[0];
                }

                return Task.CompletedTask;
            },
            OnChallenge = context =>
            {
                // 401 with the protocol's problem details (code "unauthenticated"), never the token or why it failed in detail.
                context.HandleResponse();
                bool expired = context.AuthenticateFailure is SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException;
                context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                return Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: ErrorCodes.Unauthenticated,
                    detail: expired ? "The bearer token has expired; get a new one." : "A valid bearer token is required (see docs/security.md).",
                    extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Unauthenticated }).ExecuteAsync(context.HttpContext);
            },
            OnTokenValidated = async context =>
            {
                // A caller is a user id: a token without one identifies nobody.
                string? userId = context.Principal?.FindFirst(Identity.Caller.SubjectClaim)?.Value;
                if (string.IsNullOrEmpty(userId))
                {
                    context.Fail("The token has no subject (sub).");
                }
                else if (await revocations.IsRevokedAsync(userId, TokenRevocations.IssuedAtOf(context.Principal), context.HttpContext.RequestAborted).ConfigureAwait(false))
                {
                    context.Fail("The token was revoked.");
                }
            },
        };
    }
}
