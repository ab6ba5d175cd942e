using CollabDocs.Server.Observability;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CollabDocs.Server.Cluster;

/// <summary>
/// This node's Redis connection for the readiness check (SignalR's backplane and Orleans' membership have their own).
/// Connects lazily and never fails for an unreachable server: StackExchange.Redis keeps reconnecting,
/// and callers see <see cref="IsConnected"/> false meanwhile.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;

    public RedisConnection(IOptions<RedisScaleoutOptions> options, CollabDocsMetrics metrics, ILogger<RedisConnection> logger)
    {
        var value = options.Value;
        var configuration = CreateConfiguration(value.ConnectionString ?? throw new InvalidOperationException($"{RedisScaleoutOptions.SectionName}:ConnectionString is not set."));
        _multiplexer = new Lazy<Task<ConnectionMultiplexer>>(async () =>
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
            Watch(multiplexer, "collabdocs", metrics, logger);
            return multiplexer;
        });
    }

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
            ClusterLog.ConnectionFailed(logger, name, e.EndPoint, e.FailureType, e.Exception);
        };
        multiplexer.ConnectionRestored += (_, e) => ClusterLog.ConnectionRestored(logger, name, e.EndPoint);
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            await _multiplexer.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }
}
