namespace CollabDocs.Client;

/// <summary>Where a <see cref="DocumentChangedEventArgs"/> came from.</summary>
public enum DocumentChangeKind
{
    /// <summary>Another client's operation, transformed against this client's pending changes.</summary>
    Remote,

    /// <summary>The client started over from the server's full text.</summary>
    Reset,
}
