namespace CollabDocs.Storage;

/// <summary>
/// The operations asked for start below the document's compaction floor: the log no longer has them
/// (<see cref="StorageOptions.RetainRevisions"/>, <see cref="StorageOptions.RetainAge"/>). The server answers
/// <c>revision_too_old</c>; revisions from <see cref="Floor"/> on can still be read.
/// </summary>
public sealed class RevisionCompactedException : Exception
{
    public RevisionCompactedException()
    {
    }

    public RevisionCompactedException(string message)
        : base(message)
    {
    }

    public RevisionCompactedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RevisionCompactedException(string documentId, int revision, int floor)
        : base($"The log of document '{documentId}' starts after revision {floor}; revision {revision} was compacted away.")
    {
        DocumentId = documentId;
        Revision = revision;
        Floor = floor;
    }

    public string DocumentId { get; } = string.Empty;

    /// <summary>The revision asked for.</summary>
    public int Revision { get; }

    /// <summary>The oldest revision still rebuildable: its snapshot is kept and every operation after it.</summary>
    public int Floor { get; }
}
