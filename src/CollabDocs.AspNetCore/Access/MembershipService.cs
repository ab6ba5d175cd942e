using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Hubs;
using CollabDocs.Server.Identity;
using CollabDocs.Server.Security;
using CollabDocs.Storage;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Access;

/// <summary>
/// Per-document roles: owners list, grant and revoke them and create share links. A change takes effect
/// at once on this node: joined connections get the new role, and a revoked user's connections are
/// unsubscribed from the document (<c>DocumentClosed</c> with <c>access_revoked</c>) and their presence removed. A
/// revoked share link's token is revoked too (<see cref="TokenRevocations"/>).
/// </summary>
internal sealed partial class MembershipService(
    DocumentService documents,
    DocumentActorManager actors,
    IDocumentOwners owners,
    IDocumentStore store,
    IDocumentBroadcaster broadcaster,
    TokenService tokens,
    UserConnections connections,
    TokenRevocations revocations,
    ILogger<MembershipService> logger)
{
    /// <summary>Every user with a role on the document (owners only).</summary>
    public async Task<IReadOnlyList<DocumentMember>> ListAsync(Caller caller, string documentId)
    {
        DocumentIds.Check(documentId);
        await documents.RequireAsync(caller, documentId, DocumentRole.Owner).ConfigureAwait(false);
        return await store.GetMembersAsync(documentId).ConfigureAwait(false);
    }

    /// <summary>The role of <paramref name="userId"/> (<see cref="DocumentRole.None"/> if none); owners may ask about anyone, others about themselves.</summary>
    public async Task<DocumentRole> GetAsync(Caller caller, string documentId, string userId)
    {
        DocumentIds.Check(documentId);
        MemberIds.Check(userId);
        bool self = string.Equals(userId, caller.UserId, StringComparison.Ordinal);
        var own = await documents.RequireAsync(caller, documentId, self ? DocumentRole.Viewer : DocumentRole.Owner).ConfigureAwait(false);
        return self ? own : await store.GetRoleAsync(documentId, userId).ConfigureAwait(false);
    }

    /// <summary>Grants <paramref name="role"/> to <paramref name="userId"/>, replacing any role it had.</summary>
    public async Task SetAsync(Caller caller, string documentId, string userId, DocumentRole role)
    {
        DocumentIds.Check(documentId);
        MemberIds.Check(userId);
        if (role is not (DocumentRole.Viewer or DocumentRole.Editor or DocumentRole.Owner))
        {
            throw CollabException.Invalid("The role must be \"viewer\", \"editor\" or \"owner\" (DELETE revokes).");
        }

        if (userId.StartsWith(TokenService.SharePrefix, StringComparison.Ordinal))
        {
            throw CollabException.Invalid("Share links are created with POST /api/documents/{id}/share and can only be revoked.");
        }

        await documents.RequireAsync(caller, documentId, DocumentRole.Owner).ConfigureAwait(false);
        await KeepAnOwnerAsync(documentId, userId, role).ConfigureAwait(false);
        await store.SetRoleAsync(documentId, userId, role).ConfigureAwait(false);
        Log.RoleChanged(logger, documentId, userId, role, caller.UserId);
        await ApplyAsync(documentId, userId, role).ConfigureAwait(false);
    }

    /// <summary>Revokes every role of <paramref name="userId"/> (a user or a share link) on the document.</summary>
    public async Task RevokeAsync(Caller caller, string documentId, string userId)
    {
        DocumentIds.Check(documentId);
        MemberIds.Check(userId);
        await documents.RequireAsync(caller, documentId, DocumentRole.Owner).ConfigureAwait(false);
        await KeepAnOwnerAsync(documentId, userId, DocumentRole.None).ConfigureAwait(false);
        await store.SetRoleAsync(documentId, userId, DocumentRole.None).ConfigureAwait(false);
        Log.RoleChanged(logger, documentId, userId, DocumentRole.None, caller.UserId);
        await ApplyAsync(documentId, userId, DocumentRole.None).ConfigureAwait(false);
        if (userId.StartsWith(TokenService.SharePrefix, StringComparison.Ordinal))
        {
            // The link's token stops authenticating (HTTP and new hub connections get 401; other nodes learn it within
            // RevocationRecheckInterval and close their connections of it), and its connections here are closed, not
            // only unsubscribed. The link's user id never gets a token again, so the revocation is final.
            await revocations.RevokeAsync(userId).ConfigureAwait(false);
            connections.CloseAll(userId);

            // Whoever came in through the link loses the role it gave them (a role granted directly stays).
            foreach (string user in await store.RevokeGrantedByAsync(documentId, userId).ConfigureAwait(false))
            {
                Log.RoleChanged(logger, documentId, user, DocumentRole.None, caller.UserId);
                await ApplyAsync(documentId, user, DocumentRole.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A share link: a token for a new <c>share:…</c> user id that gets <paramref name="role"/> (viewer or editor)
    /// on this one document. Revoking that user id (<see cref="RevokeAsync"/>) disables the link and takes back
    /// the roles it gave to users who redeemed it.
    /// </summary>
    public async Task<IssuedToken> ShareAsync(Caller caller, string documentId, DocumentRole role = DocumentRole.Viewer)
    {
        DocumentIds.Check(documentId);
        if (role is not (DocumentRole.Viewer or DocumentRole.Editor))
        {
            throw CollabException.Invalid("A share link grants \"viewer\" or \"editor\".");
        }

        await documents.RequireAsync(caller, documentId, DocumentRole.Owner).ConfigureAwait(false);
        var token = tokens.IssueShareToken(documentId, RoleNames.Of(role));
        await store.SetRoleAsync(documentId, token.UserId, role).ConfigureAwait(false);
        Log.ShareLinkCreated(logger, documentId, token.UserId, caller.UserId);
        return token;
    }

    /// <summary>
    /// Brings this node's joined connections of <paramref name="userId"/> in line with its new role: a cached
    /// role is replaced; with <see cref="DocumentRole.None"/> they are unsubscribed and told why, and their presence goes.
    /// </summary>
    public async Task ApplyAsync(string documentId, string userId, DocumentRole role)
    {
        documents.RoleChanged(documentId, userId);
        var connections = actors.Subscriptions.ConnectionsOf(documentId, userId);
        if (connections.Count == 0)
        {
            return;
        }

        if (role != DocumentRole.None)
        {
            foreach (string connectionId in connections)
            {
                actors.Subscriptions.SetRole(documentId, connectionId, role);
            }

            return;
        }

        // Forget the joins first: from here on every call of these connections asks the store (and is refused).
        foreach (string connectionId in connections)
        {
            actors.Subscriptions.Remove(documentId, connectionId);
        }

        await broadcaster.ClosedAsync(new DocumentClosedMessage(documentId, DocumentClosedReasons.AccessRevoked), connections).ConfigureAwait(false);
        foreach (string connectionId in connections)
        {
            await owners.RemovePresenceAsync(documentId, connectionId).ConfigureAwait(false);
        }

        Log.ConnectionsRevoked(logger, documentId, userId, connections.Count);
    }

    /// <summary>Refuses to take the owner role from the document's last owner.</summary>
    private async Task KeepAnOwnerAsync(string documentId, string userId, DocumentRole newRole)
    {
        if (newRole == DocumentRole.Owner)
        {
            return;
        }

        var members = await store.GetMembersAsync(documentId).ConfigureAwait(false);
        bool isOwner = false;
        int owners = 0;
        foreach (var member in members)
        {
            if (member.Role == DocumentRole.Owner)
            {
                owners++;
                isOwner |= string.Equals(member.UserId, userId, StringComparison.Ordinal);
            }
        }

        if (isOwner && owners == 1)
        {
            throw CollabException.Invalid($"'{userId}' is the only owner of document '{documentId}'; make someone else owner first.");
        }
    }
}
