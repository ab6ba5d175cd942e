namespace CollabDocs.Storage;

/// <summary>
/// Durable state of every document. Order is the store's to enforce: <see cref="CommitAsync"/> appends
/// only on top of the revision the writer expects, so two writers (two nodes, two processes) can never
/// fork a document's history; the loser reloads, transforms and tries again.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Creates a document at revision 0 with <paramref name="text"/>, owned by <paramref name="ownerId"/>; false if the id is taken.</summary>
    Task<bool> CreateAsync(string documentId, string text, string ownerId, CancellationToken cancellationToken = default);

    /// <summary>The document's head, or null if it does not exist.</summary>
    Task<DocumentInfo?> GetAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Documents, most recently updated first; only those <paramref name="userId"/> has a role on, unless null.</summary>
    Task<IReadOnlyList<DocumentInfo>> ListAsync(string? userId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes the document with its log, snapshots, submission records and roles; false if it did not exist.</summary>
    Task<bool> DeleteAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>The latest snapshot at or before <paramref name="revision"/>; null below the compaction floor (or for a missing document).</summary>
    Task<DocumentSnapshot?> GetSnapshotAsync(string documentId, int revision, CancellationToken cancellationToken = default);

    /// <summary>
    /// The authorship kept with the latest snapshot at or before <paramref name="revision"/> that has one; null when
    /// none has (snapshots written before authorship was kept, or below the compaction floor, or a missing document).
    /// </summary>
    Task<AuthorshipSnapshot?> GetAuthorshipSnapshotAsync(string documentId, int revision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Committed operations with <paramref name="afterRevision"/> &lt; revision &lt;= <paramref name="toRevision"/>, in order,
    /// at most <paramref name="limit"/>. Throws <see cref="RevisionCompactedException"/> when <paramref name="afterRevision"/> is
    /// below the compaction floor (the log no longer starts right after it).
    /// </summary>
    Task<IReadOnlyList<StoredOperation>> GetOperationsAsync(string documentId, int afterRevision, int toRevision, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <see cref="CommitBatch.Operations"/> atomically, together with their submission records and
    /// the optional snapshot, if and only if the document is still at <see cref="CommitBatch.ExpectedRevision"/>.
    /// </summary>
    Task<CommitOutcome> CommitAsync(CommitBatch batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// The submission record of (<paramref name="clientId"/>, <paramref name="seq"/>), or null: never committed, or
    /// pruned (<see cref="StorageOptions.RetainSubmissionRevisions"/>; a client's highest seq is never pruned).
    /// </summary>
    Task<SubmissionRecord?> FindSubmissionAsync(string documentId, string clientId, int seq, CancellationToken cancellationToken = default);

    /// <summary>The submission record with the highest seq of <paramref name="clientId"/>, or null.</summary>
    Task<SubmissionRecord?> FindLatestSubmissionAsync(string documentId, string clientId, CancellationToken cancellationToken = default);

    /// <summary>The role of <paramref name="userId"/> on the document (<see cref="DocumentRole.None"/> if none).</summary>
    Task<DocumentRole> GetRoleAsync(string documentId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Grants <paramref name="role"/> (replacing any other); <see cref="DocumentRole.None"/> revokes.</summary>
    Task SetRoleAsync(string documentId, string userId, DocumentRole role, CancellationToken cancellationToken = default);

    /// <summary>Every user with a role on the document.</summary>
    Task<IReadOnlyList<DocumentMember>> GetMembersAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Sets the document's title (empty: untitled); false if the document does not exist.</summary>
    Task<bool> SetTitleAsync(string documentId, string title, CancellationToken cancellationToken = default);

    /// <summary>
    /// The documents <paramref name="userId"/> has a role on, with that role, most recently updated first:
    /// all of them, only those it owns (<paramref name="owned"/> true) or only the others (false).
    /// </summary>
    Task<IReadOnlyList<DocumentListing>> ListWithRolesAsync(string userId, bool? owned, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raises the role of <paramref name="userId"/> to <paramref name="role"/> through the share link
    /// <paramref name="linkId"/> (recorded, so that revoking the link revokes it); a user who already has that
    /// role or a higher one keeps it unchanged. Returns the user's role afterwards.
    /// </summary>
    Task<DocumentRole> GrantThroughLinkAsync(string documentId, string userId, DocumentRole role, string linkId, CancellationToken cancellationToken = default);

    /// <summary>Revokes every role granted through the share link <paramref name="linkId"/>; returns the users who lost theirs.</summary>
    Task<IReadOnlyList<string>> RevokeGrantedByAsync(string documentId, string linkId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the tokens of <paramref name="userId"/> issued before <paramref name="revokedBefore"/> are no longer
    /// accepted; a later stamp already recorded is kept. Returns the stamp in force afterwards.
    /// </summary>
    Task<DateTimeOffset> RevokeTokensAsync(string userId, DateTimeOffset revokedBefore, CancellationToken cancellationToken = default);

    /// <summary>The instant before which the tokens of <paramref name="userId"/> were revoked, or null when they never were.</summary>
    Task<DateTimeOffset?> GetTokensRevokedBeforeAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Every revocation whose stamp is later than <paramref name="after"/> (what other nodes recorded lately).</summary>
    Task<IReadOnlyList<TokenRevocation>> GetTokenRevocationsAsync(DateTimeOffset after, CancellationToken cancellationToken = default);

    /// <summary>True when the store can be reached (readiness).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}
