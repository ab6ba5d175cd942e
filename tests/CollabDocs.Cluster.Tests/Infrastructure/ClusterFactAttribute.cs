namespace CollabDocs.Cluster.Tests.Infrastructure;

/// <summary>A cluster test: skipped outside CI when the services are not there (see <see cref="ClusterEnvironment"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        Skip = ClusterEnvironment.SkipReason;
    }
}
