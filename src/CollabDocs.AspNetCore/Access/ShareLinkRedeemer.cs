using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using CollabDocs.Server.Security;
using CollabDocs.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CollabDocs.Server.Access;

/// <summary>
/// "Anyone with the link": a signed-in user who opens a share link gets the link's role under their own
/// identity (so others see their name), recorded as granted through the link. The link's token must be valid
/// (signature, issuer, audience, lifetime: the bearer scheme's own validation), bound to this document, and
/// its <c>share:…</c> user id must still hold its role: a revoked link grants nothing, and revoking it later
/// takes back what it granted (<see cref="MembershipService.RevokeAsync"/>).
/// </summary>
internal sealed partial class ShareLinkRedeemer(
    IDocumentAccess access,
    IDocumentStore store,
    MembershipService membership,
    IOptionsMonitor<JwtBearerOptions> bearer,
    ILogger<ShareLinkRedeemer> logger)
{
    private const int MaxTokenLength = 8192;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>Grants the caller the link's role on <paramref name="documentId"/>; returns the caller's role afterwards.</summary>
    public async Task<DocumentRole> RedeemAsync(Caller caller, string documentId, string? token)
    {
        DocumentIds.Check(documentId);
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            throw CollabException.Invalid("The body must be {\"token\": \"…\"} with the share link's token.");
        }

        if (access is AnonymousDocumentAccess)
        {
            return await access.GetRoleAsync(caller, documentId).ConfigureAwait(false);
        }

        if (!caller.IsAuthenticated || caller.SharedDocumentId is not null)
        {
            throw new CollabException(ErrorCodes.Forbidden, "Sign in as a user to open a share link.");
        }

        var parameters = bearer.Get(JwtBearerSetup.ShareLinkOptionsName).TokenValidationParameters;
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid
            || ClaimOf(result, Caller.SubjectClaim) is not string linkId
            || !linkId.StartsWith(TokenService.SharePrefix, StringComparison.Ordinal)
            || !string.Equals(ClaimOf(result, Caller.DocumentClaim), documentId, StringComparison.Ordinal))
        {
            throw new CollabException(ErrorCodes.Forbidden, "This link is not valid for this document (it may have expired).");
        }

        if (await store.GetAsync(documentId).ConfigureAwait(false) is null)
        {
            throw CollabException.NotFound(documentId);
        }

        var claimed = Caller.SharedRoleOf(ClaimOf(result, Caller.RoleClaim));
        var stored = await store.GetRoleAsync(documentId, linkId).ConfigureAwait(false);
        var role = stored < claimed ? stored : claimed;
        if (role == DocumentRole.None)
        {
            throw new CollabException(ErrorCodes.Forbidden, "This link has been turned off by the document's owner.");
        }

        var now = await store.GrantThroughLinkAsync(documentId, caller.UserId, role, linkId).ConfigureAwait(false);
        Log.Redeemed(logger, documentId, linkId, caller.UserId, now);
        await membership.ApplyAsync(documentId, caller.UserId, now).ConfigureAwait(false);
        return now;
    }

    private static string? ClaimOf(TokenValidationResult result, string name) =>
        result.Claims.TryGetValue(name, out object? value) ? value as string : null;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Document {DocumentId}: share link {LinkId} opened by {UserId}, whose role is now {Role}.", EventName = "ShareLinkRedeemed")]
        public static partial void Redeemed(ILogger logger, string documentId, string linkId, string userId, DocumentRole role);
    }
}
