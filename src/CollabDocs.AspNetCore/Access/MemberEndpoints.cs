using CollabDocs.Server.Api;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Security;
using CollabDocs.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabDocs.Server.Access;

/// <summary>The members API under <c>/api/documents/{id}</c>: roles and share links (owners only, see docs/security.md).</summary>
internal static class MemberEndpoints
{
    public static RouteGroupBuilder MapMemberEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/documents/{id}")
            .WithTags("Members")
            .AddEndpointFilter<ProblemFilter>()
            .ProducesCollabDocsProblems()
            .RequireCollabDocsCaller();

        group.MapGet("/members", async Task<Ok<IReadOnlyList<MemberResponse>>> (string id, HttpContext http, MembershipService members) =>
        {
            var list = await members.ListAsync(DocumentEndpoints.CallerOf(http), id).ConfigureAwait(false);
            return TypedResults.Ok<IReadOnlyList<MemberResponse>>(list.Select(m => new MemberResponse(m.UserId, RoleNames.Of(m.Role))).ToList());
        }).WithName("ListMembers").WithSummary("Every user (and share link) with a role on the document. Owners only.");

        group.MapGet("/members/{userId}", async Task<Ok<MemberResponse>> (string id, string userId, HttpContext http, MembershipService members) =>
        {
            var role = await members.GetAsync(DocumentEndpoints.CallerOf(http), id, userId).ConfigureAwait(false);
            return TypedResults.Ok(new MemberResponse(userId, RoleNames.Of(role)));
        }).WithName("GetMember").WithSummary("The role of one user (\"none\" if it has none). Owners may ask about anyone, everyone else about themselves.");

        group.MapPut("/members/{userId}", async Task<Ok<MemberResponse>> (string id, string userId, SetRoleRequest? request, HttpContext http, MembershipService members) =>
        {
            var role = RoleNames.Parse(request?.Role);
            await members.SetAsync(DocumentEndpoints.CallerOf(http), id, userId, role).ConfigureAwait(false);
            return TypedResults.Ok(new MemberResponse(userId, RoleNames.Of(role)));
        }).WithName("SetMemberRole").WithSummary("Grant a role (\"viewer\", \"editor\" or \"owner\"), replacing the user's previous one; takes effect at once. Owners only.");

        group.MapDelete("/members/{userId}", async Task<NoContent> (string id, string userId, HttpContext http, MembershipService members) =>
        {
            await members.RevokeAsync(DocumentEndpoints.CallerOf(http), id, userId).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).WithName("RevokeMember").WithSummary("Revoke the user's (or share link's) role; its open connections are unsubscribed at once. Owners only.");

        group.MapPost("/share", async Task<Ok<ShareLinkResponse>> (string id, ShareRequest? request, HttpContext http, MembershipService members) =>
        {
            var role = request?.Role is null ? DocumentRole.Viewer : RoleNames.Parse(request.Role);
            var link = await members.ShareAsync(DocumentEndpoints.CallerOf(http), id, role).ConfigureAwait(false);
            return TypedResults.Ok(new ShareLinkResponse(link.Token, id, link.UserId, RoleNames.Of(role), link.ExpiresAt));
        }).WithName("CreateShareLink").WithSummary("Create a share link: a token that grants the viewer role (default) or, with {\"role\": \"editor\"}, the editor role on this document only. Owners only.");

        group.MapPost("/share/redeem", async Task<Ok<MemberResponse>> (string id, RedeemRequest? request, HttpContext http, ShareLinkRedeemer links) =>
        {
            var caller = DocumentEndpoints.CallerOf(http);
            var role = await links.RedeemAsync(caller, id, request?.Token).ConfigureAwait(false);
            return TypedResults.Ok(new MemberResponse(caller.UserId, RoleNames.Of(role)));
        }).WithName("RedeemShareLink").WithSummary("Open a share link as yourself: grants the caller the link's role (kept while the link is not revoked) unless it has a higher one.");

        return group;
    }
}

/// <summary>Body of <c>PUT /api/documents/{id}/members/{userId}</c>.</summary>
internal sealed record SetRoleRequest(string? Role);

/// <summary>Body of <c>POST /api/documents/{id}/share</c>.</summary>
internal sealed record ShareRequest(string? Role = null);

/// <summary>Body of <c>POST /api/documents/{id}/share/redeem</c>: the link's token.</summary>
internal sealed record RedeemRequest(string? Token);

/// <summary>A user's role on a document.</summary>
internal sealed record MemberResponse(string UserId, string Role);

/// <summary>A share link: <see cref="Token"/> is used like any bearer token (header or hub <c>access_token</c>).</summary>
internal sealed record ShareLinkResponse(string Token, string DocumentId, string UserId, string Role, DateTimeOffset ExpiresAt);
