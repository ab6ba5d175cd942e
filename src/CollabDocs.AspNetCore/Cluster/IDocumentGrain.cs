using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Storage;

namespace CollabDocs.Server.Cluster;

/// <summary>
/// The owner of one document in the cluster (key: the document id). Every node's hub calls reach it through
/// its grain reference, wherever Orleans placed it; errors cross as <see cref="CollabException"/> with their code.
/// The node of a connection comes with its join and presence, so that the owner can drop the presence of a node that dies.
/// </summary>
[Alias("collabdocs.IDocumentGrain")]
internal interface IDocumentGrain : IGrainWithStringKey
{
    [Alias("Join")]
    Task<DocumentReadState> JoinAsync(JoinCommand command, SiloAddress node);

    [Alias("Read")]
    Task<DocumentReadState> ReadAsync();

    [Alias("Submit")]
    Task<SubmitResult> SubmitAsync(SubmitCommand command);

    [Alias("GetOperations")]
    Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(int afterRevision, int toRevision, int limit);

    [Alias("UpdatePresence")]
    Task UpdatePresenceAsync(PresenceCommand command, SiloAddress node);

    [Alias("RemovePresence")]
    Task RemovePresenceAsync(string connectionId);

    [Alias("Close")]
    Task CloseAsync();
}
