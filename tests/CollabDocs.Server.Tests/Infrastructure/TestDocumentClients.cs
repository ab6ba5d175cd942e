using CollabDocs.Client;
using Microsoft.AspNetCore.Http.Connections;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// CollabDocs.Client clients connected to in-memory test servers (WebSockets, no real port), one per opened
/// document, disposed together.
/// </summary>
public sealed class TestDocumentClients : IAsyncDisposable
{
    private readonly List<CollabDocsClient> _clients = [];

    /// <summary>A new client on <paramref name="server"/> that opens <paramref name="documentId"/>, over JSON or MessagePack.</summary>
    public async Task<CollabDocument> OpenAsync(TestHost server, string documentId, bool messagePack = false)
    {
        ArgumentNullException.ThrowIfNull(server);
        var testServer = server.Server;
        var client = new CollabDocsClient(new CollabDocsClientOptions
        {
            HubUrl = new Uri(testServer.BaseAddress, "hubs/docs"),
            UseMessagePack = messagePack,
            ConfigureConnection = http =>
            {
                http.Transports = HttpTransportType.WebSockets;
                http.SkipNegotiation = true;
                http.HttpMessageHandlerFactory = _ => testServer.CreateHandler();
                http.WebSocketFactory = (context, cancellationToken) => new ValueTask<System.Net.WebSockets.WebSocket>(testServer.CreateWebSocketClient().ConnectAsync(context.Uri, cancellationToken));
            },
        });
        _clients.Add(client);
        return await client.OpenAsync(documentId).DefaultTimeout();
    }

    /// <summary>Completes when <paramref name="document"/> has applied <paramref name="revision"/>.</summary>
    public static Task Reaches(CollabDocument document, int revision)
    {
        ArgumentNullException.ThrowIfNull(document);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        document.Changed += (_, change) =>
        {
            if (change.Revision >= revision)
            {
                reached.TrySetResult();
            }
        };
        return reached.Task;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().DefaultTimeout();
        }
    }
}
