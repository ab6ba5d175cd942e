using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace CollabDocs.Interop;

/// <summary>The client's WebSockets, which the test can cut (<see cref="Drop"/>) as a flaky network would.</summary>
internal sealed class CuttableNetwork(string token)
{
    private WebSocket? _current;

    /// <summary>How many WebSockets were opened.</summary>
    public int Connects { get; private set; }

    public void Configure(HttpConnectionOptions http)
    {
        http.Transports = HttpTransportType.WebSockets;
        http.SkipNegotiation = true;
        http.WebSocketFactory = ConnectAsync;
    }

    /// <summary>Aborts the open WebSocket: the client sees the connection drop, reconnects, rejoins and resends.</summary>
    public void Drop() => _current?.Abort();

    private async ValueTask<WebSocket> ConnectAsync(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        var uri = new UriBuilder(context.Uri) { Scheme = context.Uri.Scheme == Uri.UriSchemeHttps ? "wss" : context.Uri.Scheme == Uri.UriSchemeHttp ? "ws" : context.Uri.Scheme };
        await socket.ConnectAsync(uri.Uri, cancellationToken).ConfigureAwait(false);
        _current = socket;
        Connects++;
        return socket;
    }
}
