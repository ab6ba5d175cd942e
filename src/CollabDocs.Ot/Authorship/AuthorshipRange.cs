namespace CollabDocs.Ot.Authorship;

/// <summary>
/// A range of a text (UTF-16 offsets) and who inserted it: the user, the revision of the operation that
/// inserted it, and that operation's commit time (ms since the Unix epoch).
/// </summary>
public readonly record struct AuthorshipRange(int Start, int Length, string UserId, int Revision, long Timestamp);
