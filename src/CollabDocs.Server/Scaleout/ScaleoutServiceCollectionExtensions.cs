using CollabDocs.Server.Documents;
using CollabDocs.Server.Hubs;
using CollabDocs.Server.Observability;
using CollabDocs.Server.Scaleout;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis scale-out (docs/cluster.md).</summary>
internal static class ScaleoutServiceCollectionExtensions
{
    /// <summary>
    /// With <c>CollabDocs:Redis:ConnectionString</c> set: SignalR's Redis backplane (groups, hence operations
    /// and presence, reach clients on every node), commit notifications that keep other nodes' document actors fresh,
    /// presence shared through Redis for joins, node heartbeats, and the Redis readiness check. Without it:
    /// nothing (a single node, in-process SignalR). Call after the document services are registered: it
    /// wraps the <see cref="IDocumentBroadcaster"/>.
    /// </summary>
    public static IServiceCollection AddCollabDocsScaleout(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RedisScaleoutOptions.SectionName);
        services.AddOptions<RedisScaleoutOptions>().Bind(section).ValidateDataAnnotations()
            .Validate(o => o.NodeTimeout > o.HeartbeatInterval, $"{RedisScaleoutOptions.SectionName}:NodeTimeout must be longer than {RedisScaleoutOptions.SectionName}:HeartbeatInterval.")
            .ValidateOnStart();
        var options = section.Get<RedisScaleoutOptions>() ?? new RedisScaleoutOptions();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return services;
        }

        services.AddSignalR().AddStackExchangeRedis();
        services.AddOptions<RedisOptions>().Configure<IOptions<RedisScaleoutOptions>, CollabDocsMetrics, ILoggerFactory>((redis, scaleout, metrics, loggers) =>
        {
            var configuration = RedisConnection.CreateConfiguration(scaleout.Value.ConnectionString!);
            configuration.ChannelPrefix = RedisChannel.Literal(scaleout.Value.ChannelPrefix + ":signalr:");
            redis.Configuration = configuration;
            redis.ConnectionFactory = async writer =>
            {
                var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration, writer).ConfigureAwait(false);
                RedisConnection.Watch(multiplexer, "signalr", metrics, loggers.CreateLogger("CollabDocs.Server.Scaleout.SignalRBackplane"));
                return multiplexer;
            };
        });

        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisPresenceDirectory>();
        services.TryAddSingleton<IPresenceDirectory>(sp => sp.GetRequiredService<RedisPresenceDirectory>());
        services.Replace(ServiceDescriptor.Singleton<IDocumentBroadcaster>(sp => new ScaleoutBroadcaster(
            ActivatorUtilities.CreateInstance<HubBroadcaster>(sp),
            sp.GetRequiredService<RedisConnection>(),
            sp.GetRequiredService<RedisPresenceDirectory>(),
            sp.GetRequiredService<CollabDocsMetrics>())));
        services.AddHostedService<ScaleoutService>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [ObservabilityServiceCollectionExtensions.ReadyTag]);
        return services;
    }
}
