using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using CollabDocs.Server.Security;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// The SignalR front door (<c>/hubs/docs</c>). Thin on purpose: it names the caller and hands each call
/// to <see cref="DocumentService"/>; errors become "code: message" hub exceptions in <see cref="ErrorFilter"/>.
/// </summary>
internal sealed class DocumentHub(DocumentService documents, UserConnections connections, CallRole callRole) : Hub<IDocumentClient>
{
    // Arguments arrive untyped (a JsonElement, or MessagePack's primitives; HubArguments): a wrong type is an invalid_argument error, not a binding failure.
    public Task<JoinResult> Join(object? documentId, object? knownRevision) =>
        documents.JoinAsync(Caller, Context.ConnectionId, HubArguments.String(documentId, nameof(documentId)), HubArguments.OptionalInt(knownRevision, nameof(knownRevision)));

    public Task Leave(object? documentId) =>
        documents.LeaveAsync(Context.ConnectionId, HubArguments.String(documentId, nameof(documentId)));

    public Task<SubmitResult> Submit(object? documentId, object? baseRevision, object? operation, object? clientId, object? seq)
    {
        string id = HubArguments.String(documentId, nameof(documentId));
        return documents.SubmitAsync(
            Caller,
            Context.ConnectionId,
            id,
            HubArguments.Int(baseRevision, nameof(baseRevision)),
            operation,
            HubArguments.String(clientId, nameof(clientId)),
            HubArguments.Int(seq, nameof(seq)),
            callRole.For(id));
    }

    public Task<IReadOnlyList<OperationMessage>> GetOperations(object? documentId, object? fromRevision, object? toRevision) =>
        documents.GetOperationsAsync(Caller, HubArguments.String(documentId, nameof(documentId)), HubArguments.Int(fromRevision, nameof(fromRevision)), HubArguments.OptionalInt(toRevision, nameof(toRevision)));

    public Task UpdatePresence(object? documentId, object? revision, object? ranges) =>
        documents.UpdatePresenceAsync(Caller, Context.ConnectionId, HubArguments.String(documentId, nameof(documentId)), HubArguments.Int(revision, nameof(revision)), HubArguments.Ranges(ranges, nameof(ranges)));

    /// <summary>A user over <see cref="UserConnections.MaxPerUser"/> is closed with <c>limit_exceeded</c> (the close error names it).</summary>
    public override Task OnConnectedAsync()
    {
        var caller = Caller;
        return connections.TryAdd(caller.UserId, Context)
            ? Task.CompletedTask
            : throw new HubException($"{ErrorCodes.LimitExceeded}: {caller.UserId} already holds {connections.MaxPerUser} connections, the most one user may hold.");
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Caller.UserId, Context.ConnectionId);
        return documents.DisconnectedAsync(Context.ConnectionId);
    }

    private Caller Caller => Caller.From(Context.User, Context.ConnectionId);
}
