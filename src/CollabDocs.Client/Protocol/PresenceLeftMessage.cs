namespace CollabDocs.Client.Protocol;

/// <summary>A connection left the document, disconnected or went silent (the <c>PresenceLeft</c> broadcast).</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="SessionId">The connection's presence id.</param>
public sealed record PresenceLeftMessage(string DocumentId, string SessionId);
