namespace CollabDocs.Storage;

/// <summary>A document's head.</summary>
public sealed record DocumentInfo(string Id, int Revision, int Length, string CreatedBy, long CreatedAt, long UpdatedAt)
{
    /// <summary>The title people see; empty for an untitled document.</summary>
    public string Title { get; init; } = string.Empty;
}
