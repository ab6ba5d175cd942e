namespace CollabDocs.Server.Documents;

/// <summary>The stable error codes of the protocol (docs/protocol.md, docs/security.md).</summary>
internal static class ErrorCodes
{
    public const string InvalidArgument = "invalid_argument";
    public const string DocumentNotFound = "document_not_found";

    /// <summary>No such endpoint under <c>/api</c> (a document that does not exist is <see cref="DocumentNotFound"/>).</summary>
    public const string NotFound = "not_found";

    public const string DocumentExists = "document_exists";
    public const string MalformedOperation = "malformed_operation";
    public const string OperationMismatch = "operation_mismatch";
    public const string RevisionInFuture = "revision_in_future";
    public const string RevisionTooOld = "revision_too_old";
    public const string DuplicateSeqMismatch = "duplicate_seq_mismatch";
    public const string SeqOutOfOrder = "seq_out_of_order";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string LimitExceeded = "limit_exceeded";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";

    /// <summary>
    /// <c>GET …/authors</c>: the retained snapshots were written before authorship was kept with them and the log
    /// before them is compacted, so who inserted the text is no longer known (it is never guessed).
    /// </summary>
    public const string AuthorshipUnavailable = "authorship_unavailable";
}
