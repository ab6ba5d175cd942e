namespace CollabDocs.Server.Authorship;

/// <summary>Authorship ("blame") of documents. Bound from <c>CollabDocs:Authorship</c>.</summary>
public sealed class AuthorshipOptions
{
    public const string SectionName = "CollabDocs:Authorship";

    /// <summary>Documents whose authorship is kept in memory (the least recently asked are dropped).</summary>
    public int MaxDocuments { get; set; } = 64;

    /// <summary>A copy of a document's authorship is kept every this many revisions, so a past revision is answered from the nearest one.</summary>
    public int CheckpointInterval { get; set; } = 1000;

    internal void Validate()
    {
        if (MaxDocuments < 1 || CheckpointInterval < 1)
        {
            throw new InvalidOperationException($"{SectionName}: MaxDocuments and CheckpointInterval must be at least 1.");
        }
    }
}
