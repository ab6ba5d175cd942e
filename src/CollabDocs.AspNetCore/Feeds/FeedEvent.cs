using CollabDocs.Protocol;

namespace CollabDocs.Server.Feeds;

/// <summary>Something a change feed reader may be told live: exactly one of the properties is set.</summary>
internal sealed record FeedEvent(OperationMessage? Operation = null, PresenceMessage? Presence = null, PresenceLeftMessage? PresenceLeft = null, DocumentClosedMessage? Closed = null);
