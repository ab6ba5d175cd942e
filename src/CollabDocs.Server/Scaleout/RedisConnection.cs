using CollabDocs.Server.Observability;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CollabDocs.Server.Scaleout;

/// <summary>
/// This node's Redis connection for commit notifications and presence (SignalR's backplane has its own).
/// Connects lazily and never fails for an unreachable server: StackExchange.Redis keeps reconnecting,
/// and callers see <see cref="IsConnected"/> false meanwhile.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;

    public RedisConnection(IOptions<RedisScaleoutOptions> options, CollabDocsMetrics metrics, ILogger<RedisConnection> logger)
    {
        var value = options.Value;
        Keys = new RedisKeys(value.ChannelPrefix);
        NodeId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        var configuration = CreateConfiguration(value.ConnectionString ?? throw new InvalidOperationException($"{RedisScaleoutOptions.SectionName}:ConnectionString is not set."));
        _multiplexer = new Lazy<Task<ConnectionMultiplexer>>(async () =>
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
            Watch(multiplexer, "collabdocs", metrics, logger);
            return multiplexer;
        });
    }

    /// <summary>This process's id among the nodes of the cluster.</summary>
    public string NodeId { get; }

    public RedisKeys Keys { get; }

    /// <summary>True while the connection to Redis is up.</summary>
    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully && _multiplexer.Value.Result.IsConnected;

    public Task<ConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    /// <summary>The connection string's options, made to survive an unreachable server (both connections use them).</summary>
    public static ConfigurationOptions CreateConfiguration(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= "collabdocs";
        return configuration;
    }

    /// <summary>Logs and counts lost and restored connections.</summary>
    public static void Watch(IConnectionMultiplexer multiplexer, string name, CollabDocsMetrics metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        multiplexer.ConnectionFailed += (_, e) =>
        {
            metrics.BackplaneError("connection");
            ScaleoutLog.ConnectionFailed(logger, name, e.EndPoint?.ToString(), e.FailureType.ToString(), e.Exception);
        };
        multiplexer.ConnectionRestored += (_, e) => ScaleoutLog.ConnectionRestored(logger, name, e.EndPoint?.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            await _multiplexer.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }
}
