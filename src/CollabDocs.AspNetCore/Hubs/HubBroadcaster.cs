using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Server.Hubs;

/// <summary>Document events through the hub's groups (one group per document; a backplane carries them across nodes).</summary>
internal sealed class HubBroadcaster(IHubContext<DocumentHub, IDocumentClient> hub) : IDocumentBroadcaster
{
    public static string Group(string documentId) => "doc:" + documentId;

    public Task SubscribeAsync(string connectionId, string documentId) =>
        hub.Groups.AddToGroupAsync(connectionId, Group(documentId));

    public Task UnsubscribeAsync(string connectionId, string documentId) =>
        hub.Groups.RemoveFromGroupAsync(connectionId, Group(documentId));

    public Task OperationAsync(OperationMessage message, string? senderConnectionId) =>
        senderConnectionId is null
            ? hub.Clients.Group(Group(message.DocumentId)).Operation(message)
            : hub.Clients.GroupExcept(Group(message.DocumentId), senderConnectionId).Operation(message);

    public Task PresenceAsync(PresenceMessage message) =>
        hub.Clients.GroupExcept(Group(message.DocumentId), message.SessionId).Presence(message);

    public Task PresenceLeftAsync(PresenceLeftMessage message) =>
        hub.Clients.GroupExcept(Group(message.DocumentId), message.SessionId).PresenceLeft(message);

    public async Task ClosedAsync(DocumentClosedMessage message, IReadOnlyCollection<string> connectionIds)
    {
        // A deletion concerns every subscriber on every node; a revocation only the named connections.
        var recipients = message.Reason == DocumentClosedReasons.Deleted
            ? hub.Clients.Group(Group(message.DocumentId))
            : hub.Clients.Clients(connectionIds);
        await recipients.DocumentClosed(message).ConfigureAwait(false);
        foreach (string connectionId in connectionIds)
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, Group(message.DocumentId)).ConfigureAwait(false);
        }
    }
}
