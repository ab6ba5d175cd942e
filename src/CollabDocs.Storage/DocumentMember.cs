namespace CollabDocs.Storage;

/// <summary>A user's role on a document.</summary>
public sealed record DocumentMember(string UserId, DocumentRole Role)
{
    /// <summary>The share link through which the role was granted; null when an owner granted it directly.</summary>
    public string? GrantedBy { get; init; }
}
