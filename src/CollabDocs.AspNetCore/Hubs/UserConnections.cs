using CollabDocs.Server.Documents;
using CollabDocs.Server.Security;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// This node's hub connections by user: caps how many one user holds (<see cref="LimitsOptions.MaxConnectionsPerUser"/>)
/// and closes all of a user's connections at once (a revoked share link, revoked tokens).
/// </summary>
internal sealed class UserConnections(IOptions<LimitsOptions> limits)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, HubCallerContext>> _byUser = new(StringComparer.Ordinal);

    public int MaxPerUser => limits.Value.MaxConnectionsPerUser;

    /// <summary>Counts the connection for <paramref name="userId"/>; false (not counted) when the user already holds <see cref="MaxPerUser"/>.</summary>
    public bool TryAdd(string userId, HubCallerContext connection)
    {
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out var connections))
            {
                connections = new Dictionary<string, HubCallerContext>(StringComparer.Ordinal);
                _byUser[userId] = connections;
            }

            if (connections.Count >= MaxPerUser)
            {
                return false;
            }

            connections[connection.ConnectionId] = connection;
            return true;
        }
    }

    public void Remove(string userId, string connectionId)
    {
        lock (_lock)
        {
            if (_byUser.TryGetValue(userId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _byUser.Remove(userId);
            }
        }
    }

    /// <summary>Closes every connection of <paramref name="userId"/> on this node; how many there were.</summary>
    public int CloseAll(string userId) => Close(userId, static _ => true);

    /// <summary>
    /// Closes the connections of <paramref name="userId"/> on this node opened with a token issued before
    /// <paramref name="revokedBefore"/> (or without an issue time); how many there were.
    /// </summary>
    public int CloseRevoked(string userId, DateTimeOffset revokedBefore) =>
        Close(userId, connection => TokenRevocations.IssuedAtOf(connection.User) is not { } issued || issued < revokedBefore);

    /// <summary>How many connections this node holds.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byUser.Values.Sum(connections => connections.Count);
            }
        }
    }

    /// <summary>
    /// Closes every connection on this node (a graceful stop, <see cref="GracefulHubStop"/>); how many there were. Each
    /// gets SignalR's close message allowing reconnect, so the client reconnects, elsewhere or later.
    /// </summary>
    public int CloseEveryone()
    {
        List<HubCallerContext> closing;
        lock (_lock)
        {
            closing = [.. _byUser.Values.SelectMany(connections => connections.Values)];
        }

        // HubCallerContext.Abort() sends a close message that forbids reconnecting. Ending the hub's read instead stops
        // it the way a client's own close does, and SignalR then sends its close message with allowReconnect: true.
        closing.ForEach(connection =>
        {
            if (connection.Features.Get<IConnectionTransportFeature>()?.Transport is { } transport)
            {
                transport.Input.CancelPendingRead();
            }
            else
            {
                connection.Abort();
            }
        });
        return closing.Count;
    }

    private int Close(string userId, Func<HubCallerContext, bool> which)
    {
        List<HubCallerContext> closing;
        lock (_lock)
        {
            closing = _byUser.TryGetValue(userId, out var connections) ? [.. connections.Values.Where(which)] : [];
        }

        closing.ForEach(connection => connection.Abort());
        return closing.Count;
    }
}
