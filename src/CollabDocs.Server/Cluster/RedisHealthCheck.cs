using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CollabDocs.Server.Cluster;

/// <summary>
/// Readiness of the backplane. While Redis is down the node still commits and serves its own clients, but
/// other nodes neither see its operations nor its presence in real time: Degraded, not Unhealthy.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis is unreachable: operations and presence do not reach the other nodes in real time.");
        }

        try
        {
            var multiplexer = await redis.GetAsync().ConfigureAwait(false);
            var latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis did not answer a ping.", ex);
        }
    }
}
