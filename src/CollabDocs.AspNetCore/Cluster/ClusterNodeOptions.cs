using System.Net;

namespace CollabDocs.Server.Cluster;

/// <summary>
/// The Orleans silo each node co-hosts in cluster mode (with <see cref="RedisScaleoutOptions.ConnectionString"/>
/// set). Bound from <c>CollabDocs:Cluster</c>; checked at start by <see cref="ClusterNodeOptionsValidator"/>. The
/// membership defaults are tuned so that the documents of a node that dies are served again by a survivor
/// within a few seconds on a local network (Orleans' own defaults take about a minute).
/// </summary>
public sealed class ClusterNodeOptions
{
    public const string SectionName = "CollabDocs:Cluster";

    /// <summary>Port of silo-to-silo traffic (grain calls, membership probes). Keep it on the internal network.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for external Orleans clients; 0 (default) opens none: every node hosts its own silo.</summary>
    public int GatewayPort { get; set; }

    /// <summary>
    /// The IP address (or host name, resolved at start) the other silos reach this one at. Empty: the first
    /// IPv4 address of this host that is not loopback, else loopback (a cluster on one machine).
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The cluster's id: silos with the same id (and <see cref="ServiceId"/>) in one Redis form a cluster.</summary>
    public string ClusterId { get; set; } = "collabdocs";

    /// <summary>The service's id, stable across deployments.</summary>
    public string ServiceId { get; set; } = "collabdocs";

    /// <summary>Initial timeout of a liveness probe (Orleans adapts it between half and four times this).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes after which a silo suspects another.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Suspicions that declare a silo dead (Orleans needs at most half the active silos, rounded up).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How long a suspicion counts.</summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a silo writes its heartbeat into the membership table (diagnostics, stale entries).</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a silo reads the membership table (gossip usually brings changes sooner).</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a grain call may wait for its answer before it fails (and the client resends).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The address to advertise: <see cref="AdvertisedAddress"/> resolved, or the host's first non-loopback IPv4.</summary>
    internal IPAddress ResolveAdvertisedAddress()
    {
        if (!string.IsNullOrWhiteSpace(AdvertisedAddress))
        {
            if (IPAddress.TryParse(AdvertisedAddress, out var parsed))
            {
                return parsed;
            }

            return Dns.GetHostAddresses(AdvertisedAddress).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                ?? throw new InvalidOperationException($"{SectionName}:AdvertisedAddress '{AdvertisedAddress}' has no IPv4 address.");
        }

        foreach (var network in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
        {
            if (network.OperationalStatus != System.Net.NetworkInformation.OperationalStatus.Up)
            {
                continue;
            }

            foreach (var unicast in network.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(unicast.Address))
                {
                    return unicast.Address;
                }
            }
        }

        return IPAddress.Loopback;
    }
}
