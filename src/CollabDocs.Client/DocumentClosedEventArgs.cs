namespace CollabDocs.Client;

/// <summary>The document is closed and raises no more events.</summary>
public sealed class DocumentClosedEventArgs(string reason) : EventArgs
{
    /// <summary><c>closed by client</c>, the server's <c>deleted</c> or <c>access_revoked</c>, or the code that made joining impossible.</summary>
    public string Reason { get; } = reason;
}
