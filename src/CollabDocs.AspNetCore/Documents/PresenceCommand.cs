using CollabDocs.Ot;

namespace CollabDocs.Server.Documents;

/// <summary>A presence update from one connection, identity filled by the server. <see cref="SessionId"/> is the connection's presence id (the wire's <c>sessionId</c>).</summary>
[GenerateSerializer]
[Immutable]
internal sealed record PresenceCommand(string SessionId, string UserId, string Name, string Color, int Revision, SelectionRange[] Ranges);
