using CollabDocs.Ot;

namespace CollabDocs.Server.Documents;

/// <summary>A presence entry at the revision of the <see cref="DocumentReadState"/> it belongs to.</summary>
[GenerateSerializer]
[Immutable]
internal sealed record PresenceSnapshot(string SessionId, string UserId, string Name, string Color, SelectionRange[] Ranges);
