namespace CollabDocs.Storage;

/// <summary>What became of a <see cref="CommitBatch"/>.</summary>
public enum CommitOutcome
{
    /// <summary>Appended; durable.</summary>
    Committed,

    /// <summary>Another writer moved the document first (or a submission record exists): nothing was written.</summary>
    Conflict,

    /// <summary>The document does not exist (any more): nothing was written.</summary>
    DocumentMissing,
}
