using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Storage;

namespace CollabDocs.Server.Cluster;

/// <summary>
/// Cluster mode: every document's owner is its grain (<see cref="IDocumentGrain"/>), on whichever silo Orleans
/// placed it. A call that cannot reach the owner (its silo just died, a timeout) fails with <c>unavailable</c>,
/// which clients answer by resending the same seq: exactly-once makes that safe.
/// </summary>
internal sealed class GrainDocumentOwners(IGrainFactory grains, ILocalSiloDetails silo, DocumentActorManager actors) : IDocumentOwners
{
    public Task<DocumentReadState> JoinAsync(string documentId, JoinCommand command) =>
        CallAsync(Grain(documentId).JoinAsync(command, silo.SiloAddress));

    public Task<DocumentReadState> ReadAsync(string documentId) => CallAsync(Grain(documentId).ReadAsync());

    public Task<SubmitResult> SubmitAsync(string documentId, SubmitCommand command) => CallAsync(Grain(documentId).SubmitAsync(command));

    // The grain may live on another silo: the operation travels parsed.
    public Task<SubmitResult> SubmitAsync(string documentId, UnparsedSubmit submit) =>
        SubmitAsync(documentId, submit.Parse());

    public Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(string documentId, int afterRevision, int toRevision, int limit) =>
        CallAsync(Grain(documentId).GetOperationsAsync(afterRevision, toRevision, limit));

    public Task UpdatePresenceAsync(string documentId, PresenceCommand command) =>
        CallAsync(Grain(documentId).UpdatePresenceAsync(command, silo.SiloAddress));

    public async Task RemovePresenceAsync(string documentId, string connectionId)
    {
        try
        {
            await CallAsync(Grain(documentId).RemovePresenceAsync(connectionId)).ConfigureAwait(false);
        }
        catch (CollabException)
        {
            // The document is gone or its owner unreachable: a new owner starts without this presence anyway.
        }
    }

    public async Task CloseAsync(string documentId, string reason)
    {
        await CallAsync(Grain(documentId).CloseAsync()).ConfigureAwait(false);
        await actors.CloseAsync(documentId, reason).ConfigureAwait(false);
    }

    private IDocumentGrain Grain(string documentId) => grains.GetGrain<IDocumentGrain>(documentId);

    private static async Task<T> CallAsync<T>(Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            throw Unavailable(ex);
        }
    }

    private static async Task CallAsync(Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            throw Unavailable(ex);
        }
    }

    private static CollabException Unavailable(Exception ex) =>
        new(ErrorCodes.Unavailable, "The document's owner could not be reached (a node is failing over); nothing was changed. Resend the same seq.", ex);
}
