namespace CollabDocs.Protocol;

/// <summary>
/// The stable error codes (docs/protocol.md, "Errors"; docs/security.md): the start of a hub error's message and
/// the <c>code</c> of an HTTP problem. <see cref="Connection"/> and <see cref="Client"/> are the clients' own: no
/// server sends them.
/// </summary>
public static class ErrorCodes
{
    /// <summary>An argument is missing, of the wrong type or out of range.</summary>
    public const string InvalidArgument = "invalid_argument";

    /// <summary>No such document.</summary>
    public const string DocumentNotFound = "document_not_found";

    /// <summary>HTTP only: no such endpoint under <c>/api</c> (a document that does not exist is <see cref="DocumentNotFound"/>).</summary>
    public const string NotFound = "not_found";

    /// <summary>HTTP only: a document with that id exists already.</summary>
    public const string DocumentExists = "document_exists";

    /// <summary>The operation is not valid ot.js JSON.</summary>
    public const string MalformedOperation = "malformed_operation";

    /// <summary>The operation does not fit the text at its base revision.</summary>
    public const string OperationMismatch = "operation_mismatch";

    /// <summary>The base revision is ahead of the document.</summary>
    public const string RevisionInFuture = "revision_in_future";

    /// <summary>The base revision is further behind than the server accepts.</summary>
    public const string RevisionTooOld = "revision_too_old";

    /// <summary>The (clientId, seq) was committed before with a different change.</summary>
    public const string DuplicateSeqMismatch = "duplicate_seq_mismatch";

    /// <summary>The seq is lower than one already committed for this client.</summary>
    public const string SeqOutOfOrder = "seq_out_of_order";

    /// <summary>HTTP only: no valid credentials (the hub refuses such a connection at negotiate with 401).</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The caller's role does not allow the call.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>A size limit was exceeded.</summary>
    public const string LimitExceeded = "limit_exceeded";

    /// <summary>Too many calls: back off and retry.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The server could not commit (nothing was applied): retrying the same seq is safe.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>
    /// HTTP only, <c>GET …/authors</c>: the retained snapshots were written before authorship was kept with them and
    /// the log before them is compacted, so who inserted the text is no longer known (it is never guessed).
    /// </summary>
    public const string AuthorshipUnavailable = "authorship_unavailable";

    /// <summary>Client side: the call failed because the connection was lost (the client retries after reconnecting).</summary>
    public const string Connection = "connection";

    /// <summary>Client side: a problem the client detected itself (for example a remote operation that does not fit).</summary>
    public const string Client = "client";
}
