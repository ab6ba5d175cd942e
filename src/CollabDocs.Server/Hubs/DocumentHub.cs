using System.Text.Json;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using CollabDocs.Server.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// The SignalR front door (<c>/hubs/docs</c>). Thin on purpose: it names the caller and hands each call
/// to <see cref="DocumentService"/>; errors become "code: message" hub exceptions in <see cref="ErrorFilter"/>.
/// </summary>
internal sealed class DocumentHub(DocumentService documents) : Hub<IDocumentClient>
{
    public Task<JoinResult> Join(string documentId, int? knownRevision) =>
        documents.JoinAsync(Caller, Context.ConnectionId, documentId, knownRevision);

    public Task Leave(string documentId) =>
        documents.LeaveAsync(Context.ConnectionId, documentId);

    public Task<SubmitResult> Submit(string documentId, int baseRevision, JsonElement operation, string clientId, int seq) =>
        documents.SubmitAsync(Caller, Context.ConnectionId, documentId, baseRevision, operation, clientId, seq);

    public Task<IReadOnlyList<OperationMessage>> GetOperations(string documentId, int fromRevision, int? toRevision) =>
        documents.GetOperationsAsync(Caller, documentId, fromRevision, toRevision);

    public Task UpdatePresence(string documentId, int revision, IReadOnlyList<RangeMessage> ranges) =>
        documents.UpdatePresenceAsync(Caller, Context.ConnectionId, documentId, revision, ranges);

    public override Task OnDisconnectedAsync(Exception? exception) =>
        documents.DisconnectedAsync(Context.ConnectionId);

    private Caller Caller => Caller.From(Context.User, Context.ConnectionId);
}
