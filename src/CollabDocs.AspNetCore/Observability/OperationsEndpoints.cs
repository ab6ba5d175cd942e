using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CollabDocs.Server.Observability;

/// <summary>Maps <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c> (docs/cluster.md, "Operations").</summary>
internal static class OperationsEndpoints
{
    /// <summary>
    /// Liveness runs no check (the process answers). Readiness runs the store check (Unhealthy, 503, when the
    /// store is down) and, with Redis configured, the backplane check (Degraded, still 200, while Redis is down:
    /// the node serves its own clients and commits, cross-node delivery waits). Prometheus scrapes <c>/metrics</c>.
    /// All three are anonymous: keep them off the public entry point (deploy/nginx.conf does).
    /// </summary>
    public static IEndpointRouteBuilder MapCollabDocsOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ObservabilityServiceCollectionExtensions.ReadyTag),
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
        endpoints.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return endpoints;
    }
}
