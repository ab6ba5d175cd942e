using CollabDocs.Server.Identity;
using CollabDocs.Storage;

namespace CollabDocs.Server.Access;

/// <summary>
/// JWT mode: a caller's role is the one stored for its user id (<c>DocumentMembers</c>). A share-link token is
/// further bound to its one document and capped at the role in its claims. Unauthenticated callers have none.
/// </summary>
internal sealed class StoreDocumentAccess(IDocumentStore store) : IDocumentAccess
{
    public async Task<DocumentRole> GetRoleAsync(Caller caller, string documentId, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAuthenticated)
        {
            return DocumentRole.None;
        }

        string? shared = caller.SharedDocumentId;
        if (shared is not null && !string.Equals(shared, documentId, StringComparison.Ordinal))
        {
            return DocumentRole.None;
        }

        var role = await store.GetRoleAsync(documentId, caller.UserId, cancellationToken).ConfigureAwait(false);
        return shared is null ? role : Min(role, caller.SharedRole);
    }

    /// <summary>Any signed-in user may create documents (and owns them); a share link may not.</summary>
    public bool CanCreate(Caller caller) => caller.IsAuthenticated && caller.SharedDocumentId is null;

    private static DocumentRole Min(DocumentRole a, DocumentRole b) => a < b ? a : b;
}
