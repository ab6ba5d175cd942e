namespace CollabDocs.Storage.Entities;

/// <summary>The full text of a document at one revision, so loading does not replay the whole log.</summary>
internal sealed class SnapshotEntity
{
    public required string DocumentId { get; set; }

    public int Revision { get; set; }

    public required string Text { get; set; }

    public long Timestamp { get; set; }

    /// <summary>Who inserted each part of <see cref="Text"/> (<c>AuthorshipMap.ToBytes</c>); null in snapshots written before it was kept, or on the commit path.</summary>
    public byte[]? Authorship { get; set; }
}
