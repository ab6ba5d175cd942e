using CollabDocs.Ot;

namespace CollabDocs.Server.Documents;

/// <summary>One connection's presence in a <see cref="PresenceTable"/>, always at the table's revision.</summary>
internal sealed class PresenceEntry(string sessionId)
{
    public string SessionId { get; } = sessionId;

    public string UserId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Color { get; set; } = string.Empty;

    public SelectionRange[] Ranges { get; set; } = [];

    public long LastSeen { get; set; }

    public bool Dirty { get; set; }
}
