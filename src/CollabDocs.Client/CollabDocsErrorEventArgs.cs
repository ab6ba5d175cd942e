namespace CollabDocs.Client;

/// <summary>A failure the document handled itself (by retrying or resynchronising), reported for logging.</summary>
public sealed class CollabDocsErrorEventArgs(CollabDocsException error) : EventArgs
{
    /// <summary>The failure.</summary>
    public CollabDocsException Error { get; } = error;
}
