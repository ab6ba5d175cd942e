using System.Text.Json;
using CollabDocs.Server.Observability;
using CollabDocs.Server.Protocol;
using StackExchange.Redis;

namespace CollabDocs.Server.Scaleout;

/// <summary>
/// Presence of every node in one Redis hash per document (field: the connection's session id). Each node
/// writes the presence its document actors broadcast and deletes it when they broadcast that it left; a node that
/// dies is cleaned up by the others (<see cref="ScaleoutService"/>). Reads and writes are best effort: while
/// Redis is down, a join lists only this node's presence.
/// </summary>
internal sealed class RedisPresenceDirectory(RedisConnection redis, CollabDocsMetrics metrics, ILogger<RedisPresenceDirectory> logger) : IPresenceDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(1);

    /// <summary>A hash nobody writes for this long is dropped by Redis (a safety net: nodes delete entries themselves).</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromHours(12);

    public async Task<IReadOnlyList<PresenceMessage>> GetAsync(string documentId, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return [];
        }

        try
        {
            var multiplexer = await redis.GetAsync().ConfigureAwait(false);
            var entries = await multiplexer.GetDatabase().HashGetAllAsync(redis.Keys.Presence(documentId)).WaitAsync(ReadTimeout, cancellationToken).ConfigureAwait(false);
            var presence = new List<PresenceMessage>(entries.Length);
            foreach (var entry in entries)
            {
                if (Parse(entry.Value) is { } stored)
                {
                    presence.Add(stored.Presence);
                }
            }

            return presence;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            metrics.BackplaneError("presence");
            ScaleoutLog.PresenceReadFailed(logger, documentId, ex);
            return [];
        }
    }

    /// <summary>Stores (replaces) the presence of one connection.</summary>
    public async Task StoreAsync(PresenceMessage message)
    {
        try
        {
            var multiplexer = await redis.GetAsync().ConfigureAwait(false);
            var database = multiplexer.GetDatabase();
            var key = redis.Keys.Presence(message.DocumentId);
            string value = JsonSerializer.Serialize(new StoredPresence(redis.NodeId, message), Json);
            _ = database.HashSetAsync(key, message.SessionId, value, flags: CommandFlags.FireAndForget);
            _ = database.KeyExpireAsync(key, Retention, flags: CommandFlags.FireAndForget);
            _ = database.SetAddAsync(redis.Keys.NodeDocuments(redis.NodeId), message.DocumentId, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            metrics.BackplaneError("presence");
            ScaleoutLog.PresenceWriteFailed(logger, message.DocumentId, ex);
        }
    }

    /// <summary>Removes the presence of one connection; true when this call removed it.</summary>
    public async Task<bool> RemoveAsync(string documentId, string sessionId, CommandFlags flags = CommandFlags.FireAndForget)
    {
        try
        {
            var multiplexer = await redis.GetAsync().ConfigureAwait(false);
            return await multiplexer.GetDatabase().HashDeleteAsync(redis.Keys.Presence(documentId), sessionId, flags).ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            metrics.BackplaneError("presence");
            ScaleoutLog.PresenceWriteFailed(logger, documentId, ex);
            return false;
        }
    }

    /// <summary>Drops the whole presence of a deleted document.</summary>
    public async Task ForgetAsync(string documentId)
    {
        try
        {
            var multiplexer = await redis.GetAsync().ConfigureAwait(false);
            _ = multiplexer.GetDatabase().KeyDeleteAsync(redis.Keys.Presence(documentId), CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            metrics.BackplaneError("presence");
            ScaleoutLog.PresenceWriteFailed(logger, documentId, ex);
        }
    }

    /// <summary>The entry stored in <paramref name="value"/>, or null if it is not one.</summary>
    public static StoredPresence? Parse(RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StoredPresence>((string)value!, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
