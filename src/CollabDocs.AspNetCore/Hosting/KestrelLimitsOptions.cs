using System.ComponentModel.DataAnnotations;

namespace CollabDocs.Server.Hosting;

/// <summary>
/// Kestrel's limits for the standalone server (<see cref="CollabDocsOptions.ConfigureKestrelLimits"/>; an app that embeds
/// CollabDocs keeps its own Kestrel settings). Bound from <c>CollabDocs:Kestrel</c>; documented in docs/security.md.
/// </summary>
public sealed class KestrelLimitsOptions
{
    public const string SectionName = "CollabDocs:Kestrel";

    /// <summary>
    /// Largest request body, in bytes (Kestrel's <c>MaxRequestBodySize</c>, 30,000,000 by default): a bigger one is
    /// answered 413 <c>limit_exceeded</c> under <c>/api</c>. 32 MiB holds a 16M-character ASCII document as JSON.
    /// </summary>
    [Range(64L * 1024, long.MaxValue, ErrorMessage = "CollabDocs:Kestrel:MaxRequestBodyBytes must be at least {1}.")]
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Largest total size of a request's headers, in bytes (Kestrel's default is 32 KiB): over it, 431.</summary>
    [Range(4 * 1024, 1024 * 1024, ErrorMessage = "CollabDocs:Kestrel:MaxRequestHeadersTotalBytes must be between {1} and {2}.")]
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>How long a client may take to send a request's headers (Kestrel's default is 30 s): then the connection is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "CollabDocs:Kestrel:RequestHeadersTimeout must be between {1} and {2}.")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a connection may stay open without a request (Kestrel's <c>KeepAliveTimeout</c>, 130 s by default): between
    /// requests, and also from opening until the first byte of the first one (<see cref="RequestHeadersTimeout"/> starts
    /// only at that byte), so a client that connects and never sends anything is closed after this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "CollabDocs:Kestrel:KeepAliveTimeout must be between {1} and {2}.")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most open HTTP connections (not counting upgraded ones) per node (Kestrel: unlimited); more are refused as they open.</summary>
    [Range(1L, long.MaxValue, ErrorMessage = "CollabDocs:Kestrel:MaxConcurrentConnections must be at least {1}.")]
    public long MaxConcurrentConnections { get; set; } = 10_000;

    /// <summary>Most upgraded (WebSocket) connections per node (Kestrel: unlimited); more are refused at the upgrade.</summary>
    [Range(1L, long.MaxValue, ErrorMessage = "CollabDocs:Kestrel:MaxConcurrentUpgradedConnections must be at least {1}.")]
    public long MaxConcurrentUpgradedConnections { get; set; } = 20_000;
}
