using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CollabDocs.Server.Cluster;

/// <summary>Readiness of this node's silo: Unhealthy until it is an active member of the cluster (and after it was declared dead).</summary>
internal sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        int active = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.SiloAddress} is active; {active} active silos in the cluster.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"Silo {silo.SiloAddress} is {status}, not an active member of the cluster."));
    }
}
