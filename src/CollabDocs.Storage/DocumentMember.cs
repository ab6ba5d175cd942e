namespace CollabDocs.Storage;

/// <summary>A user's role on a document.</summary>
public sealed record DocumentMember(string UserId, DocumentRole Role);
