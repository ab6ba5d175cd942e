using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Testing;

/// <summary>How a <see cref="TestHost"/> is configured; the defaults are an anonymous server without rate limits in a temporary folder.</summary>
public sealed record TestHostOptions
{
    public TestAuthMode Auth { get; init; } = TestAuthMode.Anonymous;

    /// <summary>The host environment (WebApplicationFactory's own default is Development).</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>The SQLite folder; null for a new temporary one, deleted when the host is disposed.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Rate limits (docs/security.md) on or off; off unless a test is about them.</summary>
    public bool RateLimits { get; init; }

    /// <summary>Configuration keys set last, over everything above.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Test services, registered after the server's own (ConfigureTestServices).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>The lowest level <see cref="TestHost.Logs"/> records.</summary>
    public LogLevel RecordedLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>
    /// Whether hub connections negotiate over HTTP first (as browsers do, and where a JWT server refuses a
    /// bad token) or go straight to the WebSocket.
    /// </summary>
    public bool NegotiateHubConnections { get; init; }
}
