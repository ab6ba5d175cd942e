using System.ComponentModel.DataAnnotations;

namespace CollabDocs.Server.Authorship;

/// <summary>Authorship ("blame") of documents. Bound from <c>CollabDocs:Authorship</c>.</summary>
public sealed class AuthorshipOptions
{
    public const string SectionName = "CollabDocs:Authorship";

    /// <summary>Documents whose authorship is kept in memory (the least recently asked are dropped).</summary>
    [Range(1, 100_000, ErrorMessage = "CollabDocs:Authorship:MaxDocuments must be between {1} and {2}.")]
    public int MaxDocuments { get; set; } = 64;

    /// <summary>A copy of a document's authorship is kept every this many revisions (spaced wider as history grows), so a past revision is answered from the nearest one.</summary>
    [Range(1, 10_000_000, ErrorMessage = "CollabDocs:Authorship:CheckpointInterval must be between {1} and {2}.")]
    public int CheckpointInterval { get; set; } = 1000;
}
