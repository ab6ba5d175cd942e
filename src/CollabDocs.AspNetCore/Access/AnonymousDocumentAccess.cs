using CollabDocs.Server.Identity;
using CollabDocs.Storage;

namespace CollabDocs.Server.Access;

/// <summary>Anonymous mode (explicit in configuration): everyone may do everything with every document.</summary>
internal sealed class AnonymousDocumentAccess : IDocumentAccess
{
    public Task<DocumentRole> GetRoleAsync(Caller caller, string documentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(DocumentRole.Owner);

    public bool CanCreate(Caller caller) => true;
}
