using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using CollabDocs.Ot;
using CollabDocs.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Xunit;

namespace CollabDocs.Testing;

/// <summary>
/// One SignalR connection to <c>/hubs/docs</c> over the in-memory test server (WebSockets, no real port),
/// typed after docs/protocol.md. Server events are queued in channels for the test to read in order, as
/// protocol records and (JSON protocol) also as the JSON sent, in <see cref="Json"/>.
/// </summary>
public sealed class TestHubClient : IAsyncDisposable
{
    private readonly Channel<OperationMessage> _operations = Channel.CreateUnbounded<OperationMessage>();
    private readonly Channel<PresenceMessage> _presence = Channel.CreateUnbounded<PresenceMessage>();
    private readonly Channel<PresenceLeftMessage> _presenceLeft = Channel.CreateUnbounded<PresenceLeftMessage>();
    private readonly Channel<DocumentClosedMessage> _closed = Channel.CreateUnbounded<DocumentClosedMessage>();
    private JsonSerializerOptions? _payload;

    private TestHubClient(TestServer server, TestHubOptions options)
    {
        Connection = TestHubConnection.Build(server, options, payload => _payload = payload);
        ClientId = options.ClientId ?? NewClientId();
        Json = new TestHubJsonView(Connection);
        if (options.MessagePack)
        {
            Connection.On<OperationMessage>("Operation", m => _operations.Writer.TryWrite(m));
            Connection.On<PresenceMessage>("Presence", m => _presence.Writer.TryWrite(m));
            Connection.On<PresenceLeftMessage>("PresenceLeft", m => _presenceLeft.Writer.TryWrite(m));
            Connection.On<DocumentClosedMessage>("DocumentClosed", m => _closed.Writer.TryWrite(m));
        }
        else
        {
            Record("Operation", Json.Operations, _operations);
            Record("Presence", Json.Presence, _presence);
            Record("PresenceLeft", Json.PresenceLeft, _presenceLeft);
            Record("DocumentClosed", Json.Closed, _closed);
        }
    }

    public HubConnection Connection { get; }

    /// <summary>The client id sent with every submit (one per "page", like a browser tab).</summary>
    public string ClientId { get; }

    /// <summary>Operation broadcasts (never this connection's own submits), in arrival order.</summary>
    public ChannelReader<OperationMessage> Operations => _operations.Reader;

    public ChannelReader<PresenceMessage> Presence => _presence.Reader;

    public ChannelReader<PresenceLeftMessage> PresenceLeft => _presenceLeft.Reader;

    public ChannelReader<DocumentClosedMessage> Closed => _closed.Reader;

    /// <summary>The same events and calls as JSON (empty with MessagePack).</summary>
    public TestHubJsonView Json { get; }

    /// <summary>Connects to <paramref name="server"/> with the SignalR .NET client and starts the connection.</summary>
    public static async Task<TestHubClient> ConnectAsync(TestServer server, TestHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        var client = new TestHubClient(server, options);
        options.BeforeStart?.Invoke(client.Connection);
        try
        {
            await client.Connection.StartAsync().DefaultTimeout();
        }
        catch
        {
            await client.Connection.DisposeAsync().DefaultTimeout();
            throw;
        }

        return client;
    }

    /// <summary>A random client id, as a browser tab would pick.</summary>
    public static string NewClientId() => Guid.NewGuid().ToString("N");

    public Task<JoinResult> JoinAsync(string documentId, int? knownRevision = null) =>
        Connection.InvokeAsync<JoinResult>("Join", documentId, knownRevision);

    public Task LeaveAsync(string documentId) => Connection.InvokeAsync("Leave", documentId);

    /// <summary>Submits <paramref name="operation"/>; returns the revision it was committed as (the acknowledgement).</summary>
    public async Task<int> SubmitAsync(string documentId, int baseRevision, TextOperation operation, int seq, string? clientId = null)
    {
        var result = await Connection.InvokeAsync<SubmitResult>("Submit", documentId, baseRevision, operation, clientId ?? ClientId, seq).ConfigureAwait(false);
        return result.Revision;
    }

    /// <summary>Submits an operation in any form (e.g. the ot.js array as objects); returns the acknowledged revision.</summary>
    public async Task<int> SubmitAsync(string documentId, int baseRevision, object operation, string clientId, int seq)
    {
        var result = await Connection.InvokeAsync<SubmitResult>("Submit", documentId, baseRevision, operation, clientId, seq).DefaultTimeout();
        return result.Revision;
    }

    /// <summary>Submits <paramref name="operation"/>; returns the whole acknowledgement (revision and checksum).</summary>
    public Task<SubmitResult> SubmitForResultAsync(string documentId, int baseRevision, TextOperation operation, int seq, string? clientId = null) =>
        Connection.InvokeAsync<SubmitResult>("Submit", documentId, baseRevision, operation, clientId ?? ClientId, seq);

    /// <summary>Submits an operation given as raw JSON text, malformed or not.</summary>
    public async Task<int> SubmitJsonAsync(string documentId, int baseRevision, string operationJson, int seq, string? clientId = null)
    {
        var result = await Connection.InvokeAsync<SubmitResult>("Submit", documentId, baseRevision, new RawJson(operationJson), clientId ?? ClientId, seq).ConfigureAwait(false);
        return result.Revision;
    }

    public Task<IReadOnlyList<OperationMessage>> GetOperationsAsync(string documentId, int fromRevision, int? toRevision = null) =>
        Connection.InvokeAsync<IReadOnlyList<OperationMessage>>("GetOperations", documentId, fromRevision, toRevision);

    public Task UpdatePresenceAsync(string documentId, int revision, params RangeMessage[] ranges) =>
        Connection.InvokeAsync("UpdatePresence", documentId, revision, ranges);

    /// <summary>Sends selection ranges in any form (serialised as given).</summary>
    public Task UpdatePresenceAsync(string documentId, int revision, params object[] ranges) =>
        Connection.InvokeCoreAsync("UpdatePresence", [documentId, revision, ranges]).DefaultTimeout();

    /// <summary>Any call with any arguments (they are serialised as given); the result as JSON.</summary>
    public Task<JsonElement> InvokeAsync(string method, params object?[] arguments) => Json.InvokeAsync(method, arguments);

    /// <summary>The protocol error code of a call that must fail.</summary>
    public static async Task<string> ErrorCodeAsync(Task call)
    {
        var exception = await Assert.ThrowsAsync<HubException>(() => call).DefaultTimeout();
        return CodeOf(exception.Message);
    }

    /// <summary>The code at the start of "HubException: code: message" (the whole message if there is none).</summary>
    public static string CodeOf(string message) => HubErrorCode.Of(message) ?? message;

    /// <summary>Waits for the next message on <paramref name="channel"/>.</summary>
    public static Task<T> NextAsync<T>(Channel<T> channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.Reader.ReadAsync().AsTask().DefaultTimeout();
    }

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

    private void Record<T>(string target, Channel<JsonElement> json, Channel<T> typed) =>
        Connection.On<JsonElement>(target, message =>
        {
            json.Writer.TryWrite(message);
            typed.Writer.TryWrite(message.Deserialize<T>(_payload)!);
        });
}
