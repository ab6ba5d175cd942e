using MessagePack;

namespace CollabDocs.Protocol;

/// <summary>The result of <c>Join</c>: the state to start (or continue) from.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Revision">The document's current revision.</param>
/// <param name="Text">The whole text at <paramref name="Revision"/>, or null when <paramref name="Operations"/> is sent instead.</param>
/// <param name="Operations">The operations after the known revision, in revision order, or null when <paramref name="Text"/> is sent.</param>
/// <param name="Presence">The other connections' selections.</param>
/// <param name="Role"><c>owner</c>, <c>editor</c> or <c>viewer</c>.</param>
/// <param name="SessionId">This connection's presence id.</param>
[MessagePackObject]
public sealed record JoinResult(
    [property: Key("documentId")] string DocumentId,
    [property: Key("revision")] int Revision,
    [property: Key("text")] string? Text,
    [property: Key("operations")] IReadOnlyList<OperationMessage>? Operations,
    [property: Key("presence")] IReadOnlyList<PresenceMessage> Presence,
    [property: Key("role")] string Role,
    [property: Key("sessionId")] string SessionId);
