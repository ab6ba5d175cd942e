using CollabDocs.Server.Observability;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers health checks and metrics (docs/cluster.md, "Operations").</summary>
internal static class ObservabilityServiceCollectionExtensions
{
    /// <summary>Tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The <c>CollabDocs</c> meter plus ASP.NET Core's own (requests, Kestrel, SignalR connections),
    /// exported for Prometheus; a connection counter on the hub; the store's readiness check.
    /// </summary>
    public static IServiceCollection AddCollabDocsObservability(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<CollabDocsMetrics>();
        services.TryAddSingleton<ConnectionMetricsFilter>();
        services.Configure<HubOptions>(options => options.AddFilter<ConnectionMetricsFilter>());
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", HealthStatus.Unhealthy, [ReadyTag]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(CollabDocsMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
            .AddPrometheusExporter());
        return services;
    }
}
