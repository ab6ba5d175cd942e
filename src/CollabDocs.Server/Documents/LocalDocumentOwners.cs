using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>A single node: every document's owner is its session in this process.</summary>
internal sealed class LocalDocumentOwners(DocumentSessionManager sessions) : IDocumentOwners
{
    public async Task<SessionState> JoinAsync(string documentId, JoinCommand command)
    {
        var state = await sessions.RunAsync(documentId, s => s.ReadAsync(command.KnownRevision)).ConfigureAwait(false);
        await sessions.RunAsync(documentId, s => s.UpdatePresenceAsync(new PresenceCommand(command.ConnectionId, command.UserId, command.Name, command.Color, state.Revision, []))).ConfigureAwait(false);
        return state;
    }

    public Task<SessionState> ReadAsync(string documentId) =>
        sessions.RunAsync(documentId, s => s.ReadAsync(null));

    public Task<int> SubmitAsync(string documentId, SubmitCommand command) =>
        sessions.RunAsync(documentId, s => s.SubmitAsync(command));

    public Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(string documentId, int afterRevision, int toRevision, int limit) =>
        sessions.RunAsync(documentId, s => s.GetOperationsAsync(afterRevision, toRevision, limit));

    public Task UpdatePresenceAsync(string documentId, PresenceCommand command) =>
        sessions.RunAsync(documentId, s => s.UpdatePresenceAsync(command));

    public async Task RemovePresenceAsync(string documentId, string connectionId)
    {
        try
        {
            await sessions.RunAsync(documentId, s => s.RemovePresenceAsync(connectionId)).ConfigureAwait(false);
        }
        catch (CollabException)
        {
            // The document is gone or unavailable: there is no presence left to remove.
        }
    }

    public Task CloseAsync(string documentId, string reason) => sessions.CloseAsync(documentId, reason);
}
