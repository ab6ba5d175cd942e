using CollabDocs.Server.Access;
using CollabDocs.Server.Identity;
using CollabDocs.Storage;

namespace CollabDocs.Server.Tests.Embedding;

/// <summary>
/// The host's own access rules, replacing the stored roles: <c>admin</c> owns everything, everyone else may
/// edit <c>team-…</c> documents and only read <c>handbook-…</c> ones; only <c>admin</c> creates documents.
/// </summary>
internal sealed class TeamDocumentAccess : IDocumentAccess
{
    public Task<DocumentRole> GetRoleAsync(Caller caller, string documentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !caller.IsAuthenticated ? DocumentRole.None
            : caller.Name == "admin" ? DocumentRole.Owner
            : documentId.StartsWith("team-", StringComparison.Ordinal) ? DocumentRole.Editor
            : documentId.StartsWith("handbook-", StringComparison.Ordinal) ? DocumentRole.Viewer
            : DocumentRole.None);

    public bool CanCreate(Caller caller) => caller.IsAuthenticated && caller.Name == "admin";
}
