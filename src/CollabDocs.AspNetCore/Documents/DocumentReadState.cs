using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>What a join sees: either the text or the operations since the client's revision, plus presence.</summary>
[GenerateSerializer]
[Immutable]
internal sealed record DocumentReadState(int Revision, string? Text, IReadOnlyList<StoredOperation>? Operations, IReadOnlyList<PresenceSnapshot> Presence);
