using CollabDocs.Ot.Json;
using CollabDocs.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Testing;

/// <summary>Hub connections to an in-memory test server: WebSockets, no real port, the ot.js operation form (JSON or MessagePack).</summary>
public static class TestHubConnection
{
    /// <summary>A connection to <c>/hubs/docs</c> of <paramref name="server"/>, not started.</summary>
    /// <param name="server">The test server.</param>
    /// <param name="options">How to connect.</param>
    /// <param name="jsonPayload">Given the JSON protocol's payload options (those the connection deserializes with).</param>
    public static HubConnection Build(TestServer server, TestHubOptions options, Action<System.Text.Json.JsonSerializerOptions>? jsonPayload = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        var tokenProvider = options.Token;
        string? origin = options.Origin;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/docs"), HttpTransportType.WebSockets, http =>
            {
                http.SkipNegotiation = options.Negotiate != true;
                http.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (tokenProvider is not null)
                {
                    http.AccessTokenProvider = () => Task.FromResult(tokenProvider());
                }

                if (origin is not null)
                {
                    http.Headers["Origin"] = origin;
                }

                http.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var webSockets = server.CreateWebSocketClient();
                    webSockets.ConfigureRequest = request =>
                    {
                        if (origin is not null)
                        {
                            request.Headers.Origin = origin;
                        }

                        options.ConfigureRequest?.Invoke(request);
                    };
                    return await webSockets.ConnectAsync(WithToken(context.Uri, tokenProvider?.Invoke()), cancellationToken).ConfigureAwait(false);
                };
            });
        if (options.MessagePack)
        {
            builder.AddMessagePackProtocol(o => o.SerializerOptions = o.SerializerOptions.WithTextOperationFormatter());
        }
        else
        {
            builder.AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter());
                jsonPayload?.Invoke(o.PayloadSerializerOptions);
            });
        }

        return builder.Build();
    }

    /// <summary><paramref name="uri"/> with <c>access_token</c> added to its query (when there is a token).</summary>
    public static Uri WithToken(Uri uri, string? token)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (token is null)
        {
            return uri;
        }

        var builder = new UriBuilder(uri);
        string query = builder.Query.TrimStart('?');
        builder.Query = (query.Length > 0 ? query + "&" : string.Empty) + "access_token=" + Uri.EscapeDataString(token);
        return builder.Uri;
    }
}
