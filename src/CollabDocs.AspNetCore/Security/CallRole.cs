using CollabDocs.Storage;

namespace CollabDocs.Server.Security;

/// <summary>
/// The caller's role on one document as <see cref="DocumentBudgetGate"/> read it from the store during a hub call.
/// Scoped, so one per invocation and shared by the filters and the hub of that call only: a <c>Submit</c> from a
/// connection that has not joined the document queries the store once, not twice (issue 10), and nothing outlives the call.
/// </summary>
internal sealed class CallRole
{
    private string? _documentId;
    private DocumentRole _role;

    public void Remember(string documentId, DocumentRole role) => (_documentId, _role) = (documentId, role);

    /// <summary>The role read in this call for <paramref name="documentId"/>, or null when none was.</summary>
    public DocumentRole? For(string documentId) => _documentId == documentId ? _role : null;
}
