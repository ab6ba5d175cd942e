namespace CollabDocs.Client;

/// <summary>The ot.js client states.</summary>
public enum SyncState
{
    /// <summary>No local change is pending.</summary>
    Synchronized,

    /// <summary>One operation is sent and not yet acknowledged.</summary>
    AwaitingConfirm,

    /// <summary>One operation is sent; later local changes are composed into a buffer.</summary>
    AwaitingWithBuffer,
}
