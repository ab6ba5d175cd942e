namespace CollabDocs.Server.Documents;

/// <summary>A connection joins a document: it appears in the presence with an empty selection at the revision it gets.</summary>
[GenerateSerializer]
[Immutable]
internal sealed record JoinCommand(string ConnectionId, string UserId, string Name, string Color, int? KnownRevision);
