namespace CollabDocs.Storage;

/// <summary>
/// Who inserted each part of a document's text at <see cref="Revision"/>, as kept with that revision's snapshot
/// (<c>CollabDocs.Ot.Authorship.AuthorshipMap.ToBytes</c>).
/// </summary>
public sealed record AuthorshipSnapshot(int Revision, byte[] Authorship);
