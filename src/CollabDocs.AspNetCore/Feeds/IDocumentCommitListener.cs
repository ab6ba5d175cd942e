namespace CollabDocs.Server.Feeds;

/// <summary>
/// An integration hook: told about every operation after it is durably committed on this node, in
/// revision order per document. Register implementations in DI
/// (<c>services.AddSingleton&lt;IDocumentCommitListener, MyListener&gt;()</c>).
/// </summary>
/// <remarks>
/// Listeners run on a background dispatcher, never on a document's commit path: a slow listener delays
/// only other listeners. Delivery is in-process and best effort (a listener that falls more than
/// <see cref="FeedOptions.ListenerQueue"/> commits behind misses the oldest, and nothing is replayed
/// after a restart); an integration that must see every revision reads the change feed
/// (<c>GET /api/documents/{id}/events</c>) with <c>Last-Event-ID</c> instead.
/// </remarks>
public interface IDocumentCommitListener
{
    /// <summary>Called once per committed operation. Exceptions are logged and otherwise ignored.</summary>
    ValueTask OnCommittedAsync(CommittedOperation operation, CancellationToken cancellationToken);
}
