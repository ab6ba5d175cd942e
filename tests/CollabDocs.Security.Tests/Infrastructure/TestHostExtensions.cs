namespace CollabDocs.Security.Tests.Infrastructure;

/// <summary>The security tests' callers of a <see cref="TestHost"/>: the HTTP API and raw hub sockets as one token holder.</summary>
internal static class TestHostExtensions
{
    /// <summary>An HTTP client of the server, with <paramref name="token"/> as bearer token when given.</summary>
    public static ApiClient ApiAs(this TestHost host, string? token) => new(host.CreateClient(), token);

    /// <summary>A raw WebSocket speaking the SignalR JSON protocol, for frames the .NET client would never send.</summary>
    public static Task<RawHubSocket> ConnectRawAsync(this TestHost host, string? token) => RawHubSocket.ConnectAsync(host, token);
}
