namespace CollabDocs.Server.Hubs;

/// <summary>
/// How fast a lost connection is noticed. Bound from <c>CollabDocs:Hub</c>. The server pings every client
/// each <see cref="KeepAliveInterval"/>, so a client whose server timeout is a little over twice that notices a
/// silent server quickly (the TypeScript client: 12 s). A client that sends nothing (not even its own pings)
/// for <see cref="ClientTimeoutInterval"/> is closed and the others see its presence go; clients must ping at
/// least twice per <see cref="ClientTimeoutInterval"/>, so the default stays SignalR's 30 s, which suits every
/// client's default 15 s keep-alive. <c>dotnet run</c> and the browser tests use 15 s (others see a lost user
/// away within 20 s), which needs clients that ping every 7.5 s or faster, as the TypeScript client does.
/// </summary>
public sealed class HubTimeoutOptions
{
    public const string SectionName = "CollabDocs:Hub";

    /// <summary>How often the server pings an idle connection. SignalR's default is 15 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection silent for this long is closed (its presence leaves). SignalR's default, 30 s.</summary>
    public TimeSpan ClientTimeoutInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A connection that has not completed the SignalR handshake this long after it opened is closed
    /// (SignalR's <c>HandshakeTimeout</c>; its default is 15 s).
    /// </summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A graceful stop (SIGTERM) waits at most this long (and never longer than the host's <c>ShutdownTimeout</c>) for
    /// the hub calls in flight to finish before it closes the connections (<see cref="GracefulHubStop"/>).
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when all are positive and the client timeout is at least twice the keep-alive interval.</summary>
    public bool IsValid() =>
        KeepAliveInterval > TimeSpan.Zero && ClientTimeoutInterval >= 2 * KeepAliveInterval && HandshakeTimeout > TimeSpan.Zero && DrainTimeout > TimeSpan.Zero;
}
