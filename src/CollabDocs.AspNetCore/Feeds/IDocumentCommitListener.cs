namespace CollabDocs.Server.Feeds;

/// <summary>
/// An integration hook: told about every operation after it is durably committed on this node, once per
/// revision and in revision order per document. Register implementations in DI
/// (<c>services.AddSingleton&lt;IDocumentCommitListener, MyListener&gt;()</c>); see docs/embedding.md.
/// </summary>
/// <remarks>
/// Listeners run on a background dispatcher, never on a document's commit path: a slow listener delays
/// only the listeners. A listener more than <see cref="FeedOptions.ListenerQueue"/> commits behind is
/// given the rest from the store's log, so none is missed while the process runs; nothing is replayed after
/// a restart (what was committed but not yet told is not told). An integration that must see every revision
/// across restarts reads the change feed (<c>GET /api/documents/{id}/events</c>) with <c>Last-Event-ID</c>.
/// </remarks>
public interface IDocumentCommitListener
{
    /// <summary>Called once per committed operation. Exceptions are logged and otherwise ignored.</summary>
    ValueTask OnCommittedAsync(CommittedOperation operation, CancellationToken cancellationToken);
}
