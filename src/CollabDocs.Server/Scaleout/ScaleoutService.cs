using CollabDocs.Server.Documents;
using CollabDocs.Server.Observability;
using CollabDocs.Server.Protocol;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CollabDocs.Server.Scaleout;

/// <summary>
/// The node's membership in the cluster: listens to commit notifications (an open document actor
/// another node committed to catches up from the store), renews this node's heartbeat, and removes the
/// presence of nodes that stopped renewing theirs (killed, partitioned), telling their clients' peers.
/// </summary>
internal sealed class ScaleoutService(
    RedisConnection redis,
    DocumentActorManager actors,
    IDocumentBroadcaster broadcaster,
    IOptions<RedisScaleoutOptions> options,
    CollabDocsMetrics metrics,
    TimeProvider time,
    ILogger<ScaleoutService> logger) : BackgroundService
{
    private readonly RedisScaleoutOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var multiplexer = await redis.GetAsync().ConfigureAwait(false);
        await SubscribeAsync(multiplexer, stoppingToken).ConfigureAwait(false);
        ScaleoutLog.Started(logger, redis.NodeId, _options.ChannelPrefix);
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, time);
        try
        {
            do
            {
                try
                {
                    var database = multiplexer.GetDatabase();
                    await database.StringSetAsync(redis.Keys.Node(redis.NodeId), "alive", _options.NodeTimeout).ConfigureAwait(false);
                    await database.SetAddAsync(redis.Keys.Nodes, redis.NodeId).ConfigureAwait(false);
                    await RemoveDeadNodesAsync(database).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    metrics.BackplaneError("heartbeat");
                    ScaleoutLog.HousekeepingFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (redis.IsConnected)
        {
            // Leaving on purpose: the others clean up this node's presence at their next heartbeat.
            var database = (await redis.GetAsync().ConfigureAwait(false)).GetDatabase();
            _ = database.KeyDeleteAsync(redis.Keys.Node(redis.NodeId), CommandFlags.FireAndForget);
        }
    }

    /// <summary>Subscribes once; StackExchange.Redis renews the subscription after every reconnect.</summary>
    private async Task SubscribeAsync(ConnectionMultiplexer multiplexer, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await multiplexer.GetSubscriber().SubscribeAsync(redis.Keys.Commits, OnCommitted).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                metrics.BackplaneError("subscribe");
                ScaleoutLog.HousekeepingFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void OnCommitted(RedisChannel channel, RedisValue value)
    {
        string? text = value;
        if (!CommitNotification.TryParse(text, out string nodeId, out int revision, out string documentId))
        {
            ScaleoutLog.MalformedNotification(logger, text ?? string.Empty);
            return;
        }

        if (nodeId != redis.NodeId)
        {
            actors.NotifyCommitted(documentId, revision);
        }
    }

    /// <summary>
    /// A node in the set whose heartbeat key expired is gone. The node that removes it from the set (one
    /// wins) deletes the presence entries it held and broadcasts that those connections left.
    /// </summary>
    private async Task RemoveDeadNodesAsync(IDatabase database)
    {
        foreach (var member in await database.SetMembersAsync(redis.Keys.Nodes).ConfigureAwait(false))
        {
            string nodeId = member!;
            if (nodeId == redis.NodeId || await database.KeyExistsAsync(redis.Keys.Node(nodeId)).ConfigureAwait(false))
            {
                continue;
            }

            if (!await database.SetRemoveAsync(redis.Keys.Nodes, nodeId).ConfigureAwait(false))
            {
                continue;
            }

            int removed = 0;
            var documentsKey = redis.Keys.NodeDocuments(nodeId);
            foreach (var document in await database.SetMembersAsync(documentsKey).ConfigureAwait(false))
            {
                string documentId = document!;
                var presenceKey = redis.Keys.Presence(documentId);
                foreach (var entry in await database.HashGetAllAsync(presenceKey).ConfigureAwait(false))
                {
                    if (RedisPresenceDirectory.Parse(entry.Value) is { } stored && stored.NodeId == nodeId
                        && await database.HashDeleteAsync(presenceKey, entry.Name).ConfigureAwait(false))
                    {
                        removed++;
                        await broadcaster.PresenceLeftAsync(new PresenceLeftMessage(documentId, stored.Presence.SessionId)).ConfigureAwait(false);
                    }
                }
            }

            await database.KeyDeleteAsync(documentsKey).ConfigureAwait(false);
            ScaleoutLog.NodeGone(logger, nodeId, removed);
        }
    }
}
