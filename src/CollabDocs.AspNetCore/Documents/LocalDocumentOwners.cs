using CollabDocs.Protocol;
using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>A single node: every document's owner is its actor in this process.</summary>
internal sealed class LocalDocumentOwners(DocumentActorManager actors) : IDocumentOwners
{
    public async Task<DocumentReadState> JoinAsync(string documentId, JoinCommand command)
    {
        var state = await actors.RunAsync(documentId, s => s.ReadAsync(command.KnownRevision)).ConfigureAwait(false);
        await actors.RunAsync(documentId, s => s.UpdatePresenceAsync(new PresenceCommand(command.ConnectionId, command.UserId, command.Name, command.Color, state.Revision, []))).ConfigureAwait(false);
        return state;
    }

    public Task<DocumentReadState> ReadAsync(string documentId) =>
        actors.RunAsync(documentId, s => s.ReadAsync(null));

    public Task<SubmitResult> SubmitAsync(string documentId, SubmitCommand command) =>
        actors.RunAsync(documentId, s => s.SubmitAsync(command));

    public Task<SubmitResult> SubmitAsync(string documentId, UnparsedSubmit submit) =>
        actors.RunAsync(documentId, s => s.SubmitAsync(submit));

    public Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(string documentId, int afterRevision, int toRevision, int limit) =>
        actors.RunAsync(documentId, s => s.GetOperationsAsync(afterRevision, toRevision, limit));

    public Task UpdatePresenceAsync(string documentId, PresenceCommand command) =>
        actors.RunAsync(documentId, s => s.UpdatePresenceAsync(command));

    public async Task RemovePresenceAsync(string documentId, string connectionId)
    {
        try
        {
            await actors.RunAsync(documentId, s => s.RemovePresenceAsync(connectionId)).ConfigureAwait(false);
        }
        catch (CollabException)
        {
            // The document is gone or unavailable: there is no presence left to remove.
        }
    }

    public Task CloseAsync(string documentId, string reason) => actors.CloseAsync(documentId, reason);
}
