namespace CollabDocs.Storage;

/// <summary>Operations to append in one transaction (group commit).</summary>
public sealed record CommitBatch(string DocumentId, int ExpectedRevision, IReadOnlyList<NewOperation> Operations, int NewLength, DocumentSnapshot? Snapshot);
