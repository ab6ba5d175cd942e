using CollabDocs.Protocol;
using CollabDocs.Server.Documents;

namespace CollabDocs.Server.Feeds;

/// <summary>
/// The commit seam: wraps the <see cref="IDocumentBroadcaster"/> that sessions hand their committed
/// operations to (after the commit, from the session's outbox, in revision order) and tells the
/// <see cref="CommitNotifier"/> first, without waiting on anything.
/// </summary>
internal sealed class NotifyingBroadcaster(IDocumentBroadcaster inner, CommitNotifier notifier) : IDocumentBroadcaster
{
    public Task SubscribeAsync(string connectionId, string documentId) => inner.SubscribeAsync(connectionId, documentId);

    public Task UnsubscribeAsync(string connectionId, string documentId) => inner.UnsubscribeAsync(connectionId, documentId);

    public Task OperationAsync(OperationMessage message, string? senderConnectionId)
    {
        notifier.Committed(message);
        return inner.OperationAsync(message, senderConnectionId);
    }

    public Task PresenceAsync(PresenceMessage message)
    {
        notifier.Presence(message);
        return inner.PresenceAsync(message);
    }

    public Task PresenceLeftAsync(PresenceLeftMessage message)
    {
        notifier.PresenceLeft(message);
        return inner.PresenceLeftAsync(message);
    }

    public Task ClosedAsync(DocumentClosedMessage message, IReadOnlyCollection<string> connectionIds)
    {
        if (message.Reason == DocumentClosedReasons.Deleted)
        {
            notifier.Closed(message);
        }

        return inner.ClosedAsync(message, connectionIds);
    }
}
