using System.ComponentModel.DataAnnotations;

namespace CollabDocs.Server.Cluster;

/// <summary>
/// Several nodes behind a load balancer (docs/cluster.md). Bound from <c>CollabDocs:Redis</c>. Without a
/// connection string the server is a single node: no silo, SignalR in-process, nothing talks to Redis.
/// With one, Redis carries SignalR's backplane and Orleans' cluster membership (<see cref="ClusterNodeOptions"/>).
/// </summary>
public sealed class RedisScaleoutOptions
{
    public const string SectionName = "CollabDocs:Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>redis:6379</c>; empty means a single node.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of SignalR's backplane channels, so that several clusters can share one Redis.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "CollabDocs:Redis:ChannelPrefix must not be empty.")]
    public string ChannelPrefix { get; set; } = "collabdocs";
}
