using CollabDocs.Server.Observability;
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
    /// The <c>CollabDocs</c> meter plus ASP.NET Core's own (requests, Kestrel, and SignalR's connection
    /// metrics <c>signalr.server.active_connections</c> / <c>signalr.server.connection.duration</c> on the
    /// <c>Microsoft.AspNetCore.Http.Connections</c> meter), exported for Prometheus; the store's readiness check.
    /// </summary>
    public static IServiceCollection AddCollabDocsObservability(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<CollabDocsMetrics>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", HealthStatus.Unhealthy, [ReadyTag]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(CollabDocsMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
            .AddPrometheusExporter());
        return services;
    }
}
