using CollabDocs.Ot;

namespace CollabDocs.Storage;

/// <summary>One operation to append: it will have revision <see cref="CommitBatch.ExpectedRevision"/> + its index + 1.</summary>
public sealed record NewOperation(TextOperation Operation, string ClientId, int Seq, string UserId, long Timestamp, long OperationHash);
