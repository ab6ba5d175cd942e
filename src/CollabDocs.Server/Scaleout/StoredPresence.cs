using CollabDocs.Server.Protocol;

namespace CollabDocs.Server.Scaleout;

/// <summary>A presence entry as kept in Redis: which node holds the connection, and its latest presence.</summary>
internal sealed record StoredPresence(string NodeId, PresenceMessage Presence);
