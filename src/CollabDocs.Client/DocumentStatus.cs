namespace CollabDocs.Client;

/// <summary>Whether the document is subscribed on the current connection.</summary>
public enum DocumentStatus
{
    /// <summary>A <c>Join</c> is in progress.</summary>
    Joining,

    /// <summary>Joined: changes flow both ways.</summary>
    Live,

    /// <summary>The connection is lost; local edits are kept and sent after the rejoin.</summary>
    Offline,

    /// <summary>Closed by the client or the server; no more events.</summary>
    Closed,
}
