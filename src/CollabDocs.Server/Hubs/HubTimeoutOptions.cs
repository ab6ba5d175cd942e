namespace CollabDocs.Server.Hubs;

/// <summary>
/// How fast a lost connection is noticed. Bound from <c>CollabDocs:Hub</c>. The server pings every client
/// each <see cref="KeepAliveInterval"/>, so a client whose server timeout is a little over twice that notices a
/// silent server quickly; a client that sends nothing (not even its own pings) for
/// <see cref="ClientTimeoutInterval"/> is closed, and the others see its presence go. Clients should ping at
/// most every half <see cref="ClientTimeoutInterval"/> (the demo: every 5 s, server timeout 12 s).
/// </summary>
public sealed class HubTimeoutOptions
{
    public const string SectionName = "CollabDocs:Hub";

    /// <summary>How often the server pings an idle connection. SignalR's default is 15 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection silent for this long is closed (its presence leaves). SignalR's default is 30 s.</summary>
    public TimeSpan ClientTimeoutInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>True when both are positive and the client timeout is at least twice the keep-alive interval.</summary>
    public bool IsValid() =>
        KeepAliveInterval > TimeSpan.Zero && ClientTimeoutInterval >= 2 * KeepAliveInterval;
}
