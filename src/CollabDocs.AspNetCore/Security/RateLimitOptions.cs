namespace CollabDocs.Server.Security;

/// <summary>
/// Token-bucket rate limits of hub calls, per connection and per document, and of the HTTP API, per caller. Bound
/// from <c>CollabDocs:RateLimits</c>; a call over a limit fails with <c>rate_limited</c> (HTTP 429) and changes nothing.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "CollabDocs:RateLimits";

    /// <summary>False turns every rate limit of this section off (hub and HTTP).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Submit</c> calls of one connection.</summary>
    public RateLimit ConnectionSubmits { get; set; } = new() { PermitsPerSecond = 20, Burst = 60 };

    /// <summary><c>Submit</c> calls to one document from all connections of this node.</summary>
    public RateLimit DocumentSubmits { get; set; } = new() { PermitsPerSecond = 200, Burst = 400 };

    /// <summary><c>UpdatePresence</c> calls of one connection.</summary>
    public RateLimit ConnectionPresence { get; set; } = new() { PermitsPerSecond = 20, Burst = 40 };

    /// <summary><c>UpdatePresence</c> calls to one document from all connections of this node.</summary>
    public RateLimit DocumentPresence { get; set; } = new() { PermitsPerSecond = 200, Burst = 400 };

    /// <summary>
    /// The work of one connection's <c>Submit</c> calls, refused or not (<see cref="OperationCost"/>: components plus
    /// characters inserted and deleted). The burst admits two operations of the largest size; a call costing more
    /// than the whole burst is still allowed when the bucket is full.
    /// </summary>
    public RateLimit ConnectionSubmitWork { get; set; } = new() { PermitsPerSecond = 262_144, Burst = 2_097_152 };

    /// <summary>The same work counted for all connections of one user on this node.</summary>
    public RateLimit UserSubmitWork { get; set; } = new() { PermitsPerSecond = 524_288, Burst = 4_194_304 };

    /// <summary>
    /// Bytes of hub messages one connection sends (all methods). Over it the server stops reading from the connection
    /// until the bucket refills, so what a flooding client sends is neither read nor parsed. The burst holds one of the
    /// largest messages (<c>MaxMessageBytes</c>); a message is read whenever the bucket is not empty, and what it costs
    /// beyond the tokens left is paid back before the next read. Two (the earlier default) let an attacker's first second
    /// put four 1 MB messages before the parser at once, which stalled other users' acks for 10–25 ms.
    /// </summary>
    public RateLimit ConnectionReceiveBytes { get; set; } = new() { PermitsPerSecond = 524_288, Burst = 2_097_152 };

    /// <summary>The same bytes counted for all hub connections of one user on this node.</summary>
    public RateLimit UserReceiveBytes { get; set; } = new() { PermitsPerSecond = 524_288, Burst = 2_097_152 };

    /// <summary>
    /// Documents one user creates on this node (<c>POST /api/documents</c>), beside the hourly count of
    /// <c>MaxDocumentsCreatedPerHour</c>: ten at once, then one a second. Each creation is a write to the database, which
    /// takes one writer at a time; the hourly count alone let a user spend it all within a second.
    /// </summary>
    public RateLimit UserNewDocuments { get; set; } = new() { PermitsPerSecond = 1, Burst = 10 };

    /// <summary>
    /// Characters of the texts of the documents one user creates on this node (<c>POST /api/documents</c>), beside the
    /// count of <c>MaxDocumentsCreatedPerHour</c>: one 1,000,000-character document at once, then half a million
    /// characters a second. A text longer than the burst is still allowed when the bucket is full. A burst of four
    /// (the earlier default) stalled other users' commits for 30–140 ms while the four were parsed, written and joined.
    /// </summary>
    public RateLimit UserNewDocumentCharacters { get; set; } = new() { PermitsPerSecond = 524_288, Burst = 1_048_576 };

    /// <summary>
    /// How long a refusal for lack of any role (<c>forbidden</c> on an existing document) is remembered per user and
    /// document, so that a stranger's repeated calls cost no store query. A role granted on this node applies at once;
    /// one granted on another node within this time. Zero remembers nothing; at most one minute.
    /// </summary>
    public TimeSpan StrangerRefusalMemory { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every other hub call (<c>Join</c>, <c>Leave</c>, <c>GetOperations</c>) of one connection.</summary>
    public RateLimit ConnectionRequests { get; set; } = new() { PermitsPerSecond = 20, Burst = 60 };

    /// <summary>
    /// <c>POST /api/documents/{id}/operations</c> and <c>PUT /api/documents/{id}/text</c> of one caller (the signed-in
    /// user, else the client's IP address), all documents together.
    /// </summary>
    public RateLimit HttpEdits { get; set; } = new() { PermitsPerSecond = 10, Burst = 60 };

    /// <summary>
    /// <c>GET /api/documents/{id}/text</c>, <c>…/operations</c>, <c>…/authors</c> and <c>…/events</c> (opening the
    /// stream) of one caller, all documents together.
    /// </summary>
    public RateLimit HttpReads { get; set; } = new() { PermitsPerSecond = 20, Burst = 200 };
}
