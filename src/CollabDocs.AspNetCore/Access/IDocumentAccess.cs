using CollabDocs.Server.Identity;
using CollabDocs.Storage;

namespace CollabDocs.Server.Access;

/// <summary>
/// Decides a caller's role on a document; every hub method and endpoint asks it. Replaceable: register your
/// own implementation (<c>services.AddSingleton&lt;IDocumentAccess, MyAccess&gt;()</c>, before or after
/// <c>AddCollabDocs</c>) to decide access from your app's own data. The default reads the roles CollabDocs stores
/// (the members API and share links; the creator of a document is its owner). See docs/embedding.md.
/// </summary>
/// <remarks>
/// A connection's role is decided when it joins a document and kept while it stays joined (the hot path does
/// not ask again); the members API applies its own changes at once. Return <see cref="DocumentRole.None"/> for
/// no access: the caller then learns nothing, not even whether the document exists. That refusal is remembered for
/// <c>CollabDocs:RateLimits:StrangerRefusalMemory</c> (5 s), so a role your app grants applies within that time.
/// </remarks>
public interface IDocumentAccess
{
    /// <summary>The caller's role on the (existing) document.</summary>
    Task<DocumentRole> GetRoleAsync(Caller caller, string documentId, CancellationToken cancellationToken = default);

    /// <summary>True when the caller may create documents.</summary>
    bool CanCreate(Caller caller);
}
