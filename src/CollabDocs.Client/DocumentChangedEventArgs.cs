using CollabDocs.Ot;

namespace CollabDocs.Client;

/// <summary>A change of the local text that did not come from this client's own edits: apply <see cref="Operation"/> to the editor.</summary>
public sealed class DocumentChangedEventArgs : EventArgs
{
    /// <summary>Remote operation or reset.</summary>
    public required DocumentChangeKind Kind { get; init; }

    /// <summary>Turns the local text before the change into the local text after it.</summary>
    public required TextOperation Operation { get; init; }

    /// <summary>The server revision the client is at after the change.</summary>
    public required int Revision { get; init; }

    /// <summary>For <see cref="DocumentChangeKind.Remote"/>: the client that made it.</summary>
    public string? ClientId { get; init; }

    /// <summary>For <see cref="DocumentChangeKind.Remote"/>: the user that made it, when known.</summary>
    public string? UserId { get; init; }

    /// <summary>
    /// For <see cref="DocumentChangeKind.Reset"/>: true when local changes not yet acknowledged were discarded. Pending
    /// edits the server can no longer transform are merged onto its text instead (three-way), so this is not expected.
    /// </summary>
    public bool DiscardedLocalChanges { get; init; }
}
