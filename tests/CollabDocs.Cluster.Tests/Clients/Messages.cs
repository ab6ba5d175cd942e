using CollabDocs.Ot;

namespace CollabDocs.Cluster.Tests.Clients;

// The wire shapes of docs/protocol.md, as a client sees them.

internal sealed record OperationMessage(string DocumentId, int Revision, TextOperation Operation, string ClientId, int Seq, string UserId, long Timestamp);

internal sealed record SubmitResult(int Revision);

internal sealed record RangeMessage(int Anchor, int Head);

internal sealed record PresenceMessage(string DocumentId, string SessionId, string UserId, string Name, string Color, int Revision, List<RangeMessage> Ranges);

internal sealed record PresenceLeftMessage(string DocumentId, string SessionId);

internal sealed record JoinResult(string DocumentId, int Revision, string? Text, List<OperationMessage>? Operations, List<PresenceMessage> Presence, string Role, string SessionId);
