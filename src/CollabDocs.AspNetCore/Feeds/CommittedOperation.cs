using CollabDocs.Ot;

namespace CollabDocs.Server.Feeds;

/// <summary>An operation as committed: the document's revision <see cref="Revision"/> is the text after it.</summary>
public sealed record CommittedOperation(string DocumentId, int Revision, TextOperation Operation, string ClientId, int Seq, string UserId, long Timestamp);
