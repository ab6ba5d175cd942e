using CollabDocs.Ot;

namespace CollabDocs.Server.Documents;

/// <summary>
/// One operation to commit. <see cref="ClientId"/> and <see cref="Seq"/> make it idempotent;
/// <see cref="UserId"/> is the authenticated identity, <see cref="ConnectionId"/> the sender to skip when broadcasting.
/// </summary>
[GenerateSerializer]
[Immutable]
internal sealed record SubmitCommand(int BaseRevision, TextOperation Operation, string ClientId, int Seq, string UserId, string? ConnectionId);
