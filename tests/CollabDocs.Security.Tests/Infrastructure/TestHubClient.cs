using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabDocs.Security.Tests.Infrastructure;

/// <summary>
/// A hub connection to the test server (negotiate over the test handler with a bearer header, then a
/// WebSocket with the token in the <c>access_token</c> query string, as browsers do), recording what
/// the server pushes. Messages are kept as JSON, exactly as the protocol defines them.
/// </summary>
internal sealed class TestHubClient : IAsyncDisposable
{
    private TestHubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<JsonElement>("Operation", m => Operations.Writer.TryWrite(m));
        connection.On<JsonElement>("Presence", m => Presence.Writer.TryWrite(m));
        connection.On<JsonElement>("PresenceLeft", m => PresenceLeft.Writer.TryWrite(m));
        connection.On<JsonElement>("DocumentClosed", m => Closed.Writer.TryWrite(m));
    }

    public HubConnection Connection { get; }

    public Channel<JsonElement> Operations { get; } = Channel.CreateUnbounded<JsonElement>();

    public Channel<JsonElement> Presence { get; } = Channel.CreateUnbounded<JsonElement>();

    public Channel<JsonElement> PresenceLeft { get; } = Channel.CreateUnbounded<JsonElement>();

    public Channel<JsonElement> Closed { get; } = Channel.CreateUnbounded<JsonElement>();

    public static Task<TestHubClient> ConnectAsync(SecurityFactory factory, string? token, string? origin = null) =>
        ConnectAsync(factory, () => token, origin);

    /// <summary>
    /// Connects with a token asked for at each request (negotiate, then the WebSocket), and runs
    /// <paramref name="beforeStart"/> on the connection before it starts (to attach handlers without a race).
    /// </summary>
    public static async Task<TestHubClient> ConnectAsync(SecurityFactory factory, Func<string?> tokenProvider, string? origin = null, Action<HubConnection>? beforeStart = null)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        var server = factory.Server;
        string? token = tokenProvider();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/docs"), HttpTransportType.WebSockets, options =>
            {
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (token is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult(tokenProvider());
                }

                if (origin is not null)
                {
                    options.Headers["Origin"] = origin;
                }

                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = request =>
                    {
                        if (origin is not null)
                        {
                            request.Headers.Origin = origin;
                        }
                    };
                    return await client.ConnectAsync(WithToken(context.Uri, tokenProvider()), cancellationToken).DefaultTimeout();
                };
            })
            .Build();
        var client = new TestHubClient(connection);
        beforeStart?.Invoke(connection);
        try
        {
            await connection.StartAsync().DefaultTimeout();
        }
        catch
        {
            await connection.DisposeAsync().DefaultTimeout();
            throw;
        }

        return client;
    }

    /// <summary><paramref name="uri"/> with <c>access_token</c> added to its query (when there is a token).</summary>
    public static Uri WithToken(Uri uri, string? token)
    {
        if (token is null)
        {
            return uri;
        }

        var builder = new UriBuilder(uri);
        string query = builder.Query.TrimStart('?');
        builder.Query = (query.Length > 0 ? query + "&" : string.Empty) + "access_token=" + Uri.EscapeDataString(token);
        return builder.Uri;
    }

    public Task<JsonElement> JoinAsync(string documentId, int? knownRevision = null) =>
        InvokeAsync("Join", documentId, knownRevision);

    public async Task<int> SubmitAsync(string documentId, int baseRevision, object operation, string clientId, int seq)
    {
        var result = await InvokeAsync("Submit", documentId, baseRevision, operation, clientId, seq).DefaultTimeout();
        return result.GetProperty("revision").GetInt32();
    }

    public Task<JsonElement> GetOperationsAsync(string documentId, int fromRevision, int? toRevision = null) =>
        InvokeAsync("GetOperations", documentId, fromRevision, toRevision);

    public Task UpdatePresenceAsync(string documentId, int revision, params object[] ranges) =>
        Connection.InvokeCoreAsync("UpdatePresence", [documentId, revision, ranges]).DefaultTimeout();

    /// <summary>Any call with any arguments (they are serialised as given).</summary>
    public Task<JsonElement> InvokeAsync(string method, params object?[] arguments) =>
        Connection.InvokeCoreAsync<JsonElement>(method, arguments).DefaultTimeout();

    /// <summary>The protocol error code of a call that must fail.</summary>
    public static async Task<string> ErrorCodeAsync(Task call)
    {
        var exception = await Assert.ThrowsAsync<HubException>(() => call).DefaultTimeout();
        return CodeOf(exception.Message);
    }

    /// <summary>The code at the start of "HubException: code: message" (the whole message if there is none).</summary>
    public static string CodeOf(string message) => HubErrorCode.Of(message) ?? message;

    /// <summary>Waits for the next message on <paramref name="channel"/>.</summary>
    public static Task<JsonElement> NextAsync(Channel<JsonElement> channel) =>
        channel.Reader.ReadAsync().AsTask().DefaultTimeout();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.DisposeAsync().DefaultTimeout();
        }
        catch (WebSocketException)
        {
        }
    }
}
