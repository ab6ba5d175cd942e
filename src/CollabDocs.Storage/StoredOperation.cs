using CollabDocs.Ot;

namespace CollabDocs.Storage;

/// <summary>A committed operation. <see cref="Timestamp"/> is milliseconds since the Unix epoch.</summary>
public sealed record StoredOperation(int Revision, TextOperation Operation, string ClientId, int Seq, string UserId, long Timestamp);
