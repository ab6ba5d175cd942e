using CollabDocs.Ot.Json;
using CollabDocs.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>Hub connections to an in-memory test server: WebSockets, no real port, the ot.js operation form (JSON or MessagePack).</summary>
internal static class TestHubConnections
{
    /// <summary>A connection to <c>/hubs/docs</c>, not started; <paramref name="configureRequest"/> may add headers to the upgrade request.</summary>
    public static HubConnection Build(TestServer server, Action<HttpRequest>? configureRequest = null, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/docs"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var webSockets = server.CreateWebSocketClient();
                    if (configureRequest is not null)
                    {
                        webSockets.ConfigureRequest = configureRequest;
                    }

                    return await webSockets.ConnectAsync(context.Uri, cancellationToken).ConfigureAwait(false);
                };
            });
        if (messagePack)
        {
            builder.AddMessagePackProtocol(options => options.SerializerOptions = options.SerializerOptions.WithTextOperationFormatter());
        }
        else
        {
            builder.AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter()));
        }

        return builder.Build();
    }
}
