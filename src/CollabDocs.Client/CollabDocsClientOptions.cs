using CollabDocs.Client.Persistence;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabDocs.Client;

/// <summary>Settings of a <see cref="CollabDocsClient"/>. Only <see cref="HubUrl"/> is required.</summary>
public sealed class CollabDocsClientOptions
{
    /// <summary>The absolute URL of the hub, e.g. <c>https://docs.example.com/hubs/docs</c>.</summary>
    public Uri? HubUrl { get; set; }

    /// <summary>Returns the bearer token for the connection (called on every connect); null for anonymous servers.</summary>
    public Func<Task<string?>>? AccessTokenProvider { get; set; }

    /// <summary>
    /// This client's id for exactly-once submits: 1–64 characters of <c>[A-Za-z0-9_-]</c>, unique per process
    /// (a random one by default). Reusing an id across processes without a <see cref="PendingEditStore"/> makes
    /// the server refuse the second process's first operations.
    /// </summary>
    public string ClientId { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>When to try reconnecting after the connection is lost; by default every few seconds, forever.</summary>
    public IRetryPolicy? ReconnectPolicy { get; set; }

    /// <summary>
    /// How long the server may stay silent before the connection is taken as lost and reconnected. The server
    /// pings every <c>CollabDocs:Hub:KeepAliveInterval</c> (5 s by default, SignalR's default is 15 s), so this
    /// stays at least twice that: 30 s by default, as a shorter one drops healthy connections on a loaded server.
    /// </summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where pending (unacknowledged) edits are kept so that they survive a restart; none by default.</summary>
    public IPendingEditStore? PendingEditStore { get; set; }

    /// <summary>How long a gap in the revisions may stay open before the client asks <c>GetOperations</c>.</summary>
    public TimeSpan GapFillDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The first delay before retrying a call the server answered with <c>unavailable</c> or <c>rate_limited</c> (doubled per attempt, at most 5 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a selection is re-sent while it does not change, so that others keep showing it.</summary>
    public TimeSpan PresenceHeartbeat { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the connection speaks SignalR's MessagePack hub protocol instead of JSON (smaller messages, less
    /// parsing). The server offers it unless <c>CollabDocs:Hub:MessagePack</c> is false; false by default.
    /// </summary>
    public bool UseMessagePack { get; set; }

    /// <summary>Adjusts the SignalR connection (transports, headers, a test server's handlers).</summary>
    public Action<HttpConnectionOptions>? ConfigureConnection { get; set; }

    /// <summary>The clock for the client's timers.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        if (HubUrl is null || !HubUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("HubUrl must be an absolute URL (for example http://localhost:5000/hubs/docs).", nameof(HubUrl));
        }

        if (!Ids.IsValid(ClientId))
        {
            throw new ArgumentException("ClientId must be 1–64 characters of [A-Za-z0-9_-].", nameof(ClientId));
        }

        if (GapFillDelay < TimeSpan.Zero || RetryDelay <= TimeSpan.Zero || PresenceHeartbeat < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryDelay), "Delays must not be negative (RetryDelay must be positive).");
        }

        if (ServerTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ServerTimeout), "ServerTimeout must be positive.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
