using System.Threading.Channels;

namespace CollabDocs.Server.Feeds;

/// <summary>One change feed reader's live events.</summary>
internal sealed class FeedSubscription(CommitNotifier notifier, string documentId, bool presence, int capacity) : IDisposable
{
    public string DocumentId { get; } = documentId;

    public bool WantsPresence { get; } = presence;

    public Channel<FeedEvent> Events { get; } = Channel.CreateBounded<FeedEvent>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Dispose() => notifier.Unsubscribe(this);
}
