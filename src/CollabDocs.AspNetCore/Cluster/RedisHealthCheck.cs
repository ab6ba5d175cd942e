using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CollabDocs.Server.Cluster;

/// <summary>
/// Readiness of Redis. While it is down the owners still commit and answer every node's calls, but broadcasts do
/// not reach the other nodes' clients in real time (they catch up by revision) and membership changes wait:
/// Degraded, not Unhealthy.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The first check connects (the connection never fails for an unreachable server; it keeps retrying).
            var multiplexer = await redis.GetAsync().WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            if (!multiplexer.IsConnected)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Redis is unreachable: operations and presence do not reach the other nodes in real time.");
            }

            var latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis did not answer a ping.", ex);
        }
    }
}
