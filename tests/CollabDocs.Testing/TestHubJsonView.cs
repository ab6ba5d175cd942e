using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabDocs.Testing;

/// <summary>
/// A <see cref="TestHubClient"/>'s traffic as the JSON the server sent, exactly as the protocol defines it
/// (JSON protocol only): for tests that check the wire form rather than the protocol records.
/// </summary>
public sealed class TestHubJsonView
{
    private readonly HubConnection _connection;

    internal TestHubJsonView(HubConnection connection) => _connection = connection;

    public Channel<JsonElement> Operations { get; } = Channel.CreateUnbounded<JsonElement>();

    public Channel<JsonElement> Presence { get; } = Channel.CreateUnbounded<JsonElement>();

    public Channel<JsonElement> PresenceLeft { get; } = Channel.CreateUnbounded<JsonElement>();

    public Channel<JsonElement> Closed { get; } = Channel.CreateUnbounded<JsonElement>();

    public Task<JsonElement> JoinAsync(string documentId, int? knownRevision = null) =>
        InvokeAsync("Join", documentId, knownRevision);

    public Task<JsonElement> GetOperationsAsync(string documentId, int fromRevision, int? toRevision = null) =>
        InvokeAsync("GetOperations", documentId, fromRevision, toRevision);

    /// <summary>Any call with any arguments (they are serialised as given).</summary>
    public Task<JsonElement> InvokeAsync(string method, params object?[] arguments) =>
        _connection.InvokeCoreAsync<JsonElement>(method, arguments).DefaultTimeout();
}
