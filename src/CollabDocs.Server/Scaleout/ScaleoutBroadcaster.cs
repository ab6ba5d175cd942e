using CollabDocs.Server.Documents;
using CollabDocs.Server.Observability;
using CollabDocs.Server.Protocol;
using StackExchange.Redis;

namespace CollabDocs.Server.Scaleout;

/// <summary>
/// Wraps the hub broadcaster (whose groups travel through SignalR's Redis backplane) with what the other
/// nodes' document actors need: a commit notification after every committed operation, so that they catch up
/// from the store, and presence written to the <see cref="RedisPresenceDirectory"/> for joins on any node.
/// A failure of the wrapped broadcaster is a backplane failure: counted, then passed on (the actor logs it;
/// clients fill the gap by revision).
/// </summary>
internal sealed class ScaleoutBroadcaster(IDocumentBroadcaster inner, RedisConnection redis, RedisPresenceDirectory presence, CollabDocsMetrics metrics) : IDocumentBroadcaster
{
    public Task SubscribeAsync(string connectionId, string documentId) =>
        GuardAsync(inner.SubscribeAsync(connectionId, documentId));

    public Task UnsubscribeAsync(string connectionId, string documentId) =>
        GuardAsync(inner.UnsubscribeAsync(connectionId, documentId));

    public async Task OperationAsync(OperationMessage message, string? senderConnectionId)
    {
        await PublishCommittedAsync(message.DocumentId, message.Revision).ConfigureAwait(false);
        await GuardAsync(inner.OperationAsync(message, senderConnectionId)).ConfigureAwait(false);
    }

    public async Task PresenceAsync(PresenceMessage message)
    {
        await presence.StoreAsync(message).ConfigureAwait(false);
        await GuardAsync(inner.PresenceAsync(message)).ConfigureAwait(false);
    }

    public async Task PresenceLeftAsync(PresenceLeftMessage message)
    {
        await presence.RemoveAsync(message.DocumentId, message.SessionId).ConfigureAwait(false);
        await GuardAsync(inner.PresenceLeftAsync(message)).ConfigureAwait(false);
    }

    public async Task ClosedAsync(DocumentClosedMessage message, IReadOnlyCollection<string> connectionIds)
    {
        if (message.Reason == DocumentClosedReasons.Deleted)
        {
            await presence.ForgetAsync(message.DocumentId).ConfigureAwait(false);
        }

        await GuardAsync(inner.ClosedAsync(message, connectionIds)).ConfigureAwait(false);
    }

    /// <summary>"Document X committed revision r": the other nodes' open document actors load what they missed.</summary>
    private async Task PublishCommittedAsync(string documentId, int revision)
    {
        try
        {
            var multiplexer = await redis.GetAsync().ConfigureAwait(false);
            _ = multiplexer.GetSubscriber().PublishAsync(redis.Keys.Commits, CommitNotification.Format(redis.NodeId, revision, documentId), CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            metrics.BackplaneError("publish");
        }
    }

    private async Task GuardAsync(Task send)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            metrics.BackplaneError("broadcast");
            throw;
        }
    }
}
