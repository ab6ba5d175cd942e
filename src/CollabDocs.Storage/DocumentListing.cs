namespace CollabDocs.Storage;

/// <summary>A document in a user's list, with the user's role on it.</summary>
public sealed record DocumentListing(DocumentInfo Document, DocumentRole Role);
