using System.Collections.Concurrent;
using CollabDocs.Protocol;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Feeds;

/// <summary>
/// Fans a document's committed operations (and presence) out to the change feed readers on this node
/// and to the <see cref="IDocumentCommitListener"/>s. Publishing never blocks: each reader has a bounded
/// queue that drops its oldest events (the reader notices the gap and reads the log), and listeners are
/// called from <see cref="CommitListenerDispatcher"/> through the <see cref="ListenerQueue"/>.
/// </summary>
internal sealed class CommitNotifier(IOptions<FeedOptions> options, IEnumerable<IDocumentCommitListener> listeners)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<FeedSubscription, byte>> _readers = new(StringComparer.Ordinal);
    private readonly FeedOptions _options = options.Value;
    private readonly bool _hasListeners = listeners.Any();

    /// <summary>Commits waiting for the listeners (read by <see cref="CommitListenerDispatcher"/>).</summary>
    public ListenerQueue Listeners { get; } = new(options.Value.ListenerQueue);

    /// <summary>Starts receiving the document's events; dispose the result to stop.</summary>
    public FeedSubscription Subscribe(string documentId, bool presence)
    {
        var subscription = new FeedSubscription(this, documentId, presence, _options.ReaderQueue);
        _readers.GetOrAdd(documentId, _ => new ConcurrentDictionary<FeedSubscription, byte>()).TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>An operation was committed (called in commit order per document).</summary>
    public void Committed(OperationMessage message)
    {
        Publish(message.DocumentId, new FeedEvent(Operation: message), presenceOnly: false);
        if (_hasListeners)
        {
            Listeners.Publish(new CommittedOperation(message.DocumentId, message.Revision, message.Operation, message.ClientId, message.Seq, message.UserId, message.Timestamp));
        }
    }

    public void Presence(PresenceMessage message) => Publish(message.DocumentId, new FeedEvent(Presence: message), presenceOnly: true);

    public void PresenceLeft(PresenceLeftMessage message) => Publish(message.DocumentId, new FeedEvent(PresenceLeft: message), presenceOnly: true);

    public void Closed(DocumentClosedMessage message) => Publish(message.DocumentId, new FeedEvent(Closed: message), presenceOnly: false);

    internal void Unsubscribe(FeedSubscription subscription)
    {
        if (_readers.TryGetValue(subscription.DocumentId, out var readers))
        {
            readers.TryRemove(subscription, out _);
            if (readers.IsEmpty)
            {
                _readers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<FeedSubscription, byte>>(subscription.DocumentId, readers));
            }
        }
    }

    private void Publish(string documentId, FeedEvent feedEvent, bool presenceOnly)
    {
        if (!_readers.TryGetValue(documentId, out var readers))
        {
            return;
        }

        foreach (var reader in readers.Keys)
        {
            if (!presenceOnly || reader.WantsPresence)
            {
                reader.Events.Writer.TryWrite(feedEvent);
            }
        }
    }
}
