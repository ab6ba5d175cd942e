using CollabDocs.Protocol;

namespace CollabDocs.Server.Documents;

/// <summary>Sends a document's events to its subscribers (the hub's groups, across nodes with a backplane).</summary>
internal interface IDocumentBroadcaster
{
    /// <summary>Starts sending the document's events to the connection.</summary>
    Task SubscribeAsync(string connectionId, string documentId);

    /// <summary>Stops sending the document's events to the connection.</summary>
    Task UnsubscribeAsync(string connectionId, string documentId);

    /// <summary>A committed operation, to every subscriber but <paramref name="senderConnectionId"/>.</summary>
    Task OperationAsync(OperationMessage message, string? senderConnectionId);

    /// <summary>A presence update, to every subscriber but the connection it belongs to.</summary>
    Task PresenceAsync(PresenceMessage message);

    /// <summary>A connection's presence is gone.</summary>
    Task PresenceLeftAsync(PresenceLeftMessage message);

    /// <summary>The document was deleted or access was revoked: tell the connections and unsubscribe them.</summary>
    Task ClosedAsync(DocumentClosedMessage message, IReadOnlyCollection<string> connectionIds);
}
