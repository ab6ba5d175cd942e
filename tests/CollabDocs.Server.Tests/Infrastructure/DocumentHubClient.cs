using System.Threading.Channels;
using CollabDocs.Ot;
using CollabDocs.Protocol;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// One SignalR connection to <c>/hubs/docs</c> over the in-memory test server (WebSockets, no real port),
/// typed after docs/protocol.md. Server events are queued in channels for the test to read in order.
/// </summary>
public sealed class DocumentHubClient : IAsyncDisposable
{
    private readonly Channel<OperationMessage> _operations = Channel.CreateUnbounded<OperationMessage>();
    private readonly Channel<PresenceMessage> _presence = Channel.CreateUnbounded<PresenceMessage>();
    private readonly Channel<PresenceLeftMessage> _presenceLeft = Channel.CreateUnbounded<PresenceLeftMessage>();
    private readonly Channel<DocumentClosedMessage> _closed = Channel.CreateUnbounded<DocumentClosedMessage>();

    private DocumentHubClient(HubConnection connection, string clientId)
    {
        Connection = connection;
        ClientId = clientId;
        connection.On<OperationMessage>("Operation", m => _operations.Writer.TryWrite(m));
        connection.On<PresenceMessage>("Presence", m => _presence.Writer.TryWrite(m));
        connection.On<PresenceLeftMessage>("PresenceLeft", m => _presenceLeft.Writer.TryWrite(m));
        connection.On<DocumentClosedMessage>("DocumentClosed", m => _closed.Writer.TryWrite(m));
    }

    public HubConnection Connection { get; }

    /// <summary>The client id sent with every submit (one per "page", like a browser tab).</summary>
    public string ClientId { get; }

    /// <summary>Operation broadcasts (never this connection's own submits), in arrival order.</summary>
    public ChannelReader<OperationMessage> Operations => _operations.Reader;

    public ChannelReader<PresenceMessage> Presence => _presence.Reader;

    public ChannelReader<PresenceLeftMessage> PresenceLeft => _presenceLeft.Reader;

    public ChannelReader<DocumentClosedMessage> Closed => _closed.Reader;

    /// <summary>Connects to <paramref name="factory"/>'s test server with the SignalR .NET client (JSON, or MessagePack).</summary>
    public static async Task<DocumentHubClient> ConnectAsync(WebApplicationFactory<Program> factory, string? clientId = null, bool messagePack = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var connection = TestHubConnections.Build(factory.Server, messagePack: messagePack);
        var client = new DocumentHubClient(connection, clientId ?? NewClientId());
        await connection.StartAsync().DefaultTimeout();
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

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
