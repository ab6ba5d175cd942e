using CollabDocs.Server.Identity;
using CollabDocs.Storage;

namespace CollabDocs.Server.Access;

/// <summary>Decides a caller's role on a document. Every hub method and endpoint asks it.</summary>
internal interface IDocumentAccess
{
    /// <summary>The caller's role on the (existing) document.</summary>
    Task<DocumentRole> GetRoleAsync(Caller caller, string documentId, CancellationToken cancellationToken = default);

    /// <summary>True when the caller may create documents.</summary>
    bool CanCreate(Caller caller);
}
