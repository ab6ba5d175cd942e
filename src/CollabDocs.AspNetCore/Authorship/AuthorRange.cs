namespace CollabDocs.Server.Authorship;

/// <summary>
/// <see cref="Length"/> UTF-16 code units from <see cref="Start"/>, inserted by <see cref="UserId"/> in
/// revision <see cref="Revision"/> at <see cref="Timestamp"/> (ms since the Unix epoch). Revision 0 is
/// the initial text, attributed to the document's creator.
/// </summary>
internal sealed record AuthorRange(int Start, int Length, string UserId, int Revision, long Timestamp);
