namespace CollabDocs.Storage;

/// <summary>A document's head.</summary>
public sealed record DocumentInfo(string Id, int Revision, int Length, string CreatedBy, long CreatedAt, long UpdatedAt);
