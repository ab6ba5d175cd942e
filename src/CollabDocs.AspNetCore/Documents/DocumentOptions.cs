using System.ComponentModel.DataAnnotations;

namespace CollabDocs.Server.Documents;

/// <summary>How document actors behave. Bound from <c>CollabDocs:Documents</c>.</summary>
public sealed class DocumentOptions
{
    public const string SectionName = "CollabDocs:Documents";

    /// <summary>Committed operations kept in memory per open document for transforming stale submits and catch-up.</summary>
    [Range(1, 1_000_000, ErrorMessage = "CollabDocs:Documents:HistoryWindow must be between {1} and {2}.")]
    public int HistoryWindow { get; set; } = 1000;

    /// <summary>
    /// Most approximate bytes of history kept in memory per open document (two per inserted character plus
    /// 16 per component); past it the oldest operations are dropped and read from the store when needed.
    /// </summary>
    [Range(1024L, long.MaxValue, ErrorMessage = "CollabDocs:Documents:MaxHistoryBytes must be at least {1}.")]
    public long MaxHistoryBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Most approximate bytes all open documents of this node may hold together: per document, two per UTF-16 unit of
    /// its text, two per unit of the copy of the text kept for join replies (once read) and its history
    /// (<see cref="MaxHistoryBytes"/>' measure). A load that would pass it first drops documents nobody is joined to,
    /// least recently used first; if that is not enough it is refused with <c>unavailable</c> (HTTP 503).
    /// At least 4 × <c>CollabDocs:Limits:MaxDocumentLength</c> + <see cref="MaxHistoryBytes"/>, so the longest document fits.
    /// </summary>
    [Range(64L * 1024, long.MaxValue, ErrorMessage = "CollabDocs:Documents:MaxResidentBytes must be at least {1}.")]
    public long MaxResidentBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Most submits committed together in one transaction (group commit).</summary>
    [Range(1, 100_000, ErrorMessage = "CollabDocs:Documents:MaxBatchSize must be between {1} and {2}.")]
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// How often a commit that lost the race to another node is retried (after loading the operations it
    /// missed and transforming again) before the submit fails with <c>unavailable</c>.
    /// </summary>
    [Range(0, 1000, ErrorMessage = "CollabDocs:Documents:CommitRetries must be between {1} and {2}.")]
    public int CommitRetries { get; set; } = 8;

    /// <summary>A document nobody is joined to is dropped from memory after this long without requests.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ErrorMessage = "CollabDocs:Documents:IdleEviction must be between {1} and {2}.")]
    public TimeSpan IdleEviction { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Join with a known revision gets at most this many operations; further behind, it gets the text.</summary>
    [Range(0, 1_000_000, ErrorMessage = "CollabDocs:Documents:MaxJoinOperations must be between {1} and {2}.")]
    public int MaxJoinOperations { get; set; } = 1000;

    /// <summary>
    /// Most approximate bytes of operations in one <c>Join</c> reply (further behind, the joiner gets the text)
    /// or one <c>GetOperations</c> page (a shorter page; at least one operation).
    /// </summary>
    [Range(1024L, long.MaxValue, ErrorMessage = "CollabDocs:Documents:MaxReplyBytes must be at least {1}.")]
    public long MaxReplyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most operations returned by one <c>GetOperations</c> call.</summary>
    [Range(1, 1_000_000, ErrorMessage = "CollabDocs:Documents:MaxOperationsPerFetch must be between {1} and {2}.")]
    public int MaxOperationsPerFetch { get; set; } = 1000;

    /// <summary>Presence updates of one connection are broadcast at most this often (the latest wins).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "CollabDocs:Documents:PresenceThrottle must be between {1} and {2}.")]
    public TimeSpan PresenceThrottle { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Most presence broadcasts one flush sends (one flush per <see cref="PresenceThrottle"/>): with more changed
    /// entries the ones changed longest ago go first and the rest wait for the next flush, so a document's
    /// presence costs at most this many broadcasts per period whatever the number of senders.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "CollabDocs:Documents:MaxPresencePerFlush must be between {1} and {2}.")]
    public int MaxPresencePerFlush { get; set; } = 20;

    /// <summary>
    /// Most presence deliveries one flush causes: its broadcasts times the connections present in the document (those
    /// with a selection, every sender among them). A flush sends at most this many divided by that count (at least one,
    /// at most <see cref="MaxPresencePerFlush"/>), so a crowded document's presence costs the same per period however
    /// many connections fill it: 20 broadcasts per flush up to 50 present connections, 3 with 300.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "CollabDocs:Documents:MaxPresenceDeliveriesPerFlush must be at least {1}.")]
    public int MaxPresenceDeliveriesPerFlush { get; set; } = 1000;

    /// <summary>A connection that neither submits nor updates its presence for this long is shown as gone.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "CollabDocs:Documents:PresenceTimeout must be between {1} and {2}.")]
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// True when other processes may commit to the same documents (several nodes on a shared store):
    /// actors then check the store on join and catch up on commit conflicts. A single node may set false.
    /// </summary>
    public bool SharedStore { get; set; } = true;
}
