using CollabDocs.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CollabDocs.Server.Observability;

/// <summary>Readiness: the document store answers. Without it nothing can be committed, so it is Unhealthy.</summary>
internal sealed class StoreHealthCheck(IDocumentStore store) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await store.PingAsync(timeout.Token).ConfigureAwait(false)
                ? HealthCheckResult.Healthy("The document store answers.")
                : new HealthCheckResult(context.Registration.FailureStatus, "The document store cannot be reached.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The document store did not answer within {Timeout.TotalSeconds:0} s.");
        }
    }
}
