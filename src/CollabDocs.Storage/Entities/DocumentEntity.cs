namespace CollabDocs.Storage.Entities;

/// <summary>A document's row: its head revision is the store's arbiter of order.</summary>
internal sealed class DocumentEntity
{
    public required string Id { get; set; }

    /// <summary>The latest committed revision; a commit succeeds only if it still equals the writer's expectation.</summary>
    public int Revision { get; set; }

    /// <summary>Length of the text at <see cref="Revision"/> in UTF-16 code units.</summary>
    public int Length { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>The name people see; empty for an untitled document.</summary>
    public string Title { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }
}
