using System.ComponentModel.DataAnnotations;

namespace CollabDocs.Server.Scaleout;

/// <summary>
/// Several nodes behind a load balancer (docs/cluster.md). Bound from <c>CollabDocs:Redis</c>. Without a
/// connection string the server is a single node: SignalR stays in-process and nothing talks to Redis.
/// </summary>
public sealed class RedisScaleoutOptions
{
    public const string SectionName = "CollabDocs:Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>redis:6379</c>; empty means no scale-out.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every Redis channel and key, so that several clusters can share one Redis.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "CollabDocs:Redis:ChannelPrefix must not be empty.")]
    public string ChannelPrefix { get; set; } = "collabdocs";

    /// <summary>How often a node renews its liveness key (presence of a node whose key expired is removed by the others).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "CollabDocs:Redis:HeartbeatInterval must be between {1} and {2}.")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a node's liveness key lives without renewal.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "CollabDocs:Redis:NodeTimeout must be between {1} and {2}.")]
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
