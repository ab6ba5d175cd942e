using CollabDocs.Protocol;
using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>
/// How <see cref="DocumentService"/> reaches the owner of a document, the one place that orders its operations
/// and holds its presence: the actor in this process on a single node (<see cref="LocalDocumentOwners"/>),
/// or the document's grain, wherever it lives in the cluster (<c>Cluster/GrainDocumentOwners</c>).
/// </summary>
internal interface IDocumentOwners
{
    /// <summary>The state to start from (text, or the operations after the known revision), and the joiner's presence added.</summary>
    Task<DocumentReadState> JoinAsync(string documentId, JoinCommand command);

    /// <summary>The current text and revision.</summary>
    Task<DocumentReadState> ReadAsync(string documentId);

    /// <summary>Commits the operation (exactly once per client and seq); the revision it was committed as.</summary>
    Task<SubmitResult> SubmitAsync(string documentId, SubmitCommand command);

    /// <summary>
    /// As <see cref="SubmitAsync(string, SubmitCommand)"/>, the operation still to be parsed: the local actor
    /// parses it only after the checks that need no operation.
    /// </summary>
    Task<SubmitResult> SubmitAsync(string documentId, UnparsedSubmit submit);

    /// <summary>Committed operations (<paramref name="afterRevision"/>, <paramref name="toRevision"/>], at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(string documentId, int afterRevision, int toRevision, int limit);

    Task UpdatePresenceAsync(string documentId, PresenceCommand command);

    /// <summary>The connection left (or lost its access): its presence is removed and the others are told. Never fails.</summary>
    Task RemovePresenceAsync(string documentId, string connectionId);

    /// <summary>The document was deleted: the owner drops it, and this node's subscribers are told why.</summary>
    Task CloseAsync(string documentId, string reason);
}
