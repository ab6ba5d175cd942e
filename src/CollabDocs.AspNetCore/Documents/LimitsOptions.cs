using System.ComponentModel.DataAnnotations;

namespace CollabDocs.Server.Documents;

/// <summary>
/// Guardrails against broken or hostile clients; each has a safe default and is documented in
/// docs/security.md. Bound from <c>CollabDocs:Limits</c>.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "CollabDocs:Limits";

    /// <summary>Largest SignalR message accepted, in bytes (SignalR's <c>MaximumReceiveMessageSize</c>).</summary>
    [Range(1024L, long.MaxValue, ErrorMessage = "CollabDocs:Limits:MaxMessageBytes must be at least {1}.")]
    public long MaxMessageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Most characters one operation may insert plus delete.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "CollabDocs:Limits:MaxOperationLength must be at least {1}.")]
    public int MaxOperationLength { get; set; } = 1024 * 1024;

    /// <summary>Most components (retains, inserts, deletes) in one operation.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "CollabDocs:Limits:MaxComponents must be at least {1}.")]
    public int MaxComponents { get; set; } = 10_000;

    /// <summary>Longest document, in UTF-16 code units.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "CollabDocs:Limits:MaxDocumentLength must be at least {1}.")]
    public int MaxDocumentLength { get; set; } = 16 * 1024 * 1024;

    /// <summary>How far behind the current revision a submit's base revision may be.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "CollabDocs:Limits:MaxRevisionLag must not be negative.")]
    public int MaxRevisionLag { get; set; } = 10_000;

    /// <summary>
    /// Most transform work a submit may need, in components: the concurrent operations' components plus the
    /// submitted operation's components once per concurrent operation. Over it: <c>revision_too_old</c>.
    /// </summary>
    [Range(1L, long.MaxValue, ErrorMessage = "CollabDocs:Limits:MaxTransformWork must be at least {1}.")]
    public long MaxTransformWork { get; set; } = 200_000;

    /// <summary>Most documents one connection may be joined to at once.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "CollabDocs:Limits:MaxDocumentsPerConnection must be at least {1}.")]
    public int MaxDocumentsPerConnection { get; set; } = 16;

    /// <summary>
    /// Most bytes the server holds for one connection that its client has not read yet (besides one message of
    /// any size on an otherwise empty queue). A connection over it is closed at once; its client reconnects and
    /// catches up by revision, and the document's other connections never wait for it.
    /// </summary>
    [Range(64L * 1024, long.MaxValue, ErrorMessage = "CollabDocs:Limits:MaxSendQueueBytes must be at least {1}.")]
    public long MaxSendQueueBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// Most hub connections one user may hold on one node. One more is closed as it opens, with the close
    /// error <c>limit_exceeded</c> (and no reconnect).
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "CollabDocs:Limits:MaxConnectionsPerUser must be at least {1}.")]
    public int MaxConnectionsPerUser { get; set; } = 64;

    /// <summary>
    /// Most documents one user may create per hour on one node (a bucket of this many, refilled evenly over the
    /// hour). Over it: <c>rate_limited</c> (HTTP 429).
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "CollabDocs:Limits:MaxDocumentsCreatedPerHour must be at least {1}.")]
    public int MaxDocumentsCreatedPerHour { get; set; } = 100;

    /// <summary>Most ranges in one presence update.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "CollabDocs:Limits:MaxPresenceRanges must not be negative.")]
    public int MaxPresenceRanges { get; set; } = 32;
}
