using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabDocs.Client.Tests.Infrastructure;

/// <summary>
/// The network between one client and the in-memory test server: WebSockets the test can cut
/// (<see cref="Disconnect"/>) and refuse to reopen (<see cref="Offline"/>), as a flaky network would.
/// </summary>
public sealed class TestConnection
{
    private readonly Func<WebApplicationFactory<Program>> _server;
    private WebSocket? _current;

    /// <param name="server">The server to connect to, looked up on every connect (it may have been restarted).</param>
    public TestConnection(Func<WebApplicationFactory<Program>> server)
    {
        _server = server;
    }

    /// <summary>While true, connecting fails (the client keeps retrying).</summary>
    public bool Offline { get; set; }

    /// <summary>How many WebSockets were opened.</summary>
    public int Connects { get; private set; }

    /// <summary>Options for a client on this connection; a fast reconnect policy that never gives up.</summary>
    public CollabDocsClientOptions Options(Action<CollabDocsClientOptions>? configure = null)
    {
        var options = new CollabDocsClientOptions
        {
            HubUrl = new Uri("http://localhost/hubs/docs"),
            ReconnectPolicy = new FastRetry(),
            GapFillDelay = TimeSpan.FromMilliseconds(100),
            RetryDelay = TimeSpan.FromMilliseconds(50),
            ConfigureConnection = http =>
            {
                http.Transports = HttpTransportType.WebSockets;
                http.SkipNegotiation = true;
                http.WebSocketFactory = ConnectAsync;
            },
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Cuts the current WebSocket: the client sees the connection drop and reconnects.</summary>
    public void Disconnect() => _current?.Abort();

    private async ValueTask<WebSocket> ConnectAsync(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        if (Offline)
        {
            throw new WebSocketException("The test network is offline.");
        }

        var socket = await _server().Server.CreateWebSocketClient().ConnectAsync(context.Uri, cancellationToken).ConfigureAwait(false);
        _current = socket;
        Connects++;
        return socket;
    }

    private sealed class FastRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(retryContext.PreviousRetryCount == 0 ? 0 : 50);
    }
}
