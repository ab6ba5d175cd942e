namespace CollabDocs.Storage.Entities;

/// <summary>
/// Exactly-once record: which revision a client's (ClientId, Seq) was committed as. Kept apart from the
/// operation log so that compacting the log never forgets a submission.
/// </summary>
internal sealed class SubmissionEntity
{
    public required string DocumentId { get; set; }

    public required string ClientId { get; set; }

    public int Seq { get; set; }

    public int Revision { get; set; }

    /// <summary>Stable hash of the committed operation, to tell a true resend from a reused seq.</summary>
    public long OperationHash { get; set; }
}
