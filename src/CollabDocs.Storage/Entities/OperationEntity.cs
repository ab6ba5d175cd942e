namespace CollabDocs.Storage.Entities;

/// <summary>One committed operation of the log; the key (DocumentId, Revision) makes history linear.</summary>
internal sealed class OperationEntity
{
    public required string DocumentId { get; set; }

    public int Revision { get; set; }

    /// <summary>The operation as committed (already transformed), in ot.js JSON.</summary>
    public required string Operation { get; set; }

    public required string ClientId { get; set; }

    public int Seq { get; set; }

    public required string UserId { get; set; }

    /// <summary>Commit time, milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; set; }
}
