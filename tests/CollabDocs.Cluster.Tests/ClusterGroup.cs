namespace CollabDocs.Cluster.Tests;

/// <summary>The cluster tests share fixed ports (nginx's upstream) and one Redis: one at a time, alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterGroup
{
    public const string Name = "Cluster";
}
