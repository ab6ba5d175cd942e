using MessagePack;

namespace CollabDocs.Protocol;

/// <summary>A connection left the document, disconnected or went silent (the <c>PresenceLeft</c> broadcast).</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="SessionId">The connection's presence id.</param>
[MessagePackObject]
public sealed record PresenceLeftMessage([property: Key("documentId")] string DocumentId, [property: Key("sessionId")] string SessionId);
