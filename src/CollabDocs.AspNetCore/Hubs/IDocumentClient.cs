using CollabDocs.Protocol;

namespace CollabDocs.Server.Hubs;

/// <summary>The methods the server calls on clients (docs/protocol.md, "Client methods").</summary>
public interface IDocumentClient
{
    Task Operation(OperationMessage message);

    Task Presence(PresenceMessage message);

    Task PresenceLeft(PresenceLeftMessage message);

    Task DocumentClosed(DocumentClosedMessage message);
}
