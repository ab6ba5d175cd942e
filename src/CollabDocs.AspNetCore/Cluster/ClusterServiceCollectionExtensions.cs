using CollabDocs.Server.Cluster;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Observability;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers single-node or cluster mode (docs/cluster.md).</summary>
internal static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Without <c>CollabDocs:Redis:ConnectionString</c>: a single node, each document's owner is its actor in this
    /// process, no silo, no Redis. With it: this process co-hosts an Orleans silo (membership in Redis), each
    /// document's owner is its grain somewhere in the cluster, SignalR's groups travel through Redis, and readiness
    /// checks the silo and Redis.
    /// </summary>
    public static IServiceCollection AddCollabDocsCluster(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RedisScaleoutOptions.SectionName);
        services.AddOptions<RedisScaleoutOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        string? connectionString = section.Get<RedisScaleoutOptions>()?.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.TryAddSingleton<IDocumentOwners, LocalDocumentOwners>();
            return services;
        }

        AddBackplane(services);
        services.AddOptions<ClusterNodeOptions>().Bind(configuration.GetSection(ClusterNodeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterNodeOptions>, ClusterNodeOptionsValidator>();
        services.AddOrleans(silo =>
        {
            silo.UseRedisClustering(redis => redis.ConfigurationOptions = RedisConnection.CreateConfiguration(connectionString));
            silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<ClusterNodeOptions>>((cluster, options) =>
            {
                cluster.ClusterId = options.Value.ClusterId;
                cluster.ServiceId = options.Value.ServiceId;
            });
            silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<ClusterNodeOptions>>((endpoints, options) =>
            {
                var value = options.Value;
                endpoints.AdvertisedIPAddress = value.ResolveAdvertisedAddress();
                endpoints.SiloPort = value.SiloPort;
                endpoints.GatewayPort = value.GatewayPort;
            });
            silo.Services.AddOptions<ClusterMembershipOptions>().Configure<IOptions<ClusterNodeOptions>>((membership, options) =>
            {
                var value = options.Value;
                membership.ProbeTimeout = value.ProbeTimeout;
                membership.NumMissedProbesLimit = value.NumMissedProbesLimit;
                membership.NumVotesForDeathDeclaration = value.NumVotesForDeathDeclaration;
                membership.DeathVoteExpirationTimeout = value.DeathVoteExpirationTimeout;
                membership.IAmAliveTablePublishTimeout = value.IAmAliveTablePublishTimeout;
                membership.TableRefreshTimeout = value.TableRefreshTimeout;
            });
            silo.Services.AddOptions<SiloMessagingOptions>().Configure<IOptions<ClusterNodeOptions>>((messaging, options) => messaging.ResponseTimeout = options.Value.ResponseTimeout);
            silo.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<DocumentOptions>>((collection, documents) =>
                collection.ClassSpecificCollectionAge[typeof(DocumentGrain).FullName!] = Max(documents.Value.IdleEviction, collection.CollectionQuantum + TimeSpan.FromSeconds(1)));
        });

        services.TryAddSingleton<OwnedDocuments>();
        services.Replace(ServiceDescriptor.Singleton<IDocumentOwners, GrainDocumentOwners>());
        services.TryAddSingleton<RedisConnection>();
        services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", HealthStatus.Unhealthy, [ObservabilityServiceCollectionExtensions.ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [ObservabilityServiceCollectionExtensions.ReadyTag]);
        return services;
    }

    /// <summary>SignalR's Redis backplane: a group send from any node (the owner's broadcast) reaches its connections on every node.</summary>
    private static void AddBackplane(IServiceCollection services)
    {
        services.AddSignalR().AddStackExchangeRedis();
        services.AddOptions<RedisOptions>().Configure<IOptions<RedisScaleoutOptions>, CollabDocsMetrics, ILoggerFactory>((redis, scaleout, metrics, loggers) =>
        {
            var configuration = RedisConnection.CreateConfiguration(scaleout.Value.ConnectionString!);
            configuration.ChannelPrefix = RedisChannel.Literal(scaleout.Value.ChannelPrefix + ":signalr:");
            redis.Configuration = configuration;
            redis.ConnectionFactory = async writer =>
            {
                var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration, writer).ConfigureAwait(false);
                RedisConnection.Watch(multiplexer, "signalr", metrics, loggers.CreateLogger("CollabDocs.Server.Cluster.SignalRBackplane"));
                return multiplexer;
            };
        });
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
