namespace CollabDocs.Storage.Entities;

/// <summary>A user's role on a document.</summary>
internal sealed class DocumentMemberEntity
{
    public required string DocumentId { get; set; }

    public required string UserId { get; set; }

    public DocumentRole Role { get; set; }

    /// <summary>The share link (<c>share:…</c> user id) through which the role was granted; null when granted directly.</summary>
    public string? GrantedBy { get; set; }
}
