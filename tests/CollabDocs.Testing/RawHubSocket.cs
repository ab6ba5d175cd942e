using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Xunit;

namespace CollabDocs.Testing;

/// <summary>
/// A WebSocket to the hub that speaks the SignalR JSON protocol by hand (handshake, then records ending in
/// 0x1E), so tests can send anything: malformed JSON, wrong types, unknown methods, huge frames.
/// </summary>
public sealed class RawHubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly WebSocket _socket;
    private readonly Queue<JsonElement> _received = new();
    private readonly Dictionary<string, RawOutcome> _completions = new(StringComparer.Ordinal);
    private int _nextId;

    private RawHubSocket(WebSocket socket) => _socket = socket;

    /// <summary>True once the server closed the connection.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>The error of the server's Close message, if it sent one.</summary>
    public string? CloseError { get; private set; }

    /// <summary>Connects to <paramref name="host"/>'s hub over its in-memory test server, with <paramref name="token"/> in the query string when given.</summary>
    public static async Task<RawHubSocket> ConnectAsync(TestHost host, string? token)
    {
        ArgumentNullException.ThrowIfNull(host);
        var client = host.Server.CreateWebSocketClient();
        var uri = TestHubConnection.WithToken(new Uri(host.Server.BaseAddress, "hubs/docs"), token);
        return await HandshakeAsync(await client.ConnectAsync(uri, CancellationToken.None).DefaultTimeout()).DefaultTimeout();
    }

    /// <summary>Connects to a hub listening on a real port (<c>ws://…/hubs/docs</c>), where TCP backpressure is real.</summary>
    public static async Task<RawHubSocket> ConnectAsync(Uri hub)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(hub, CancellationToken.None).DefaultTimeout();
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return await HandshakeAsync(socket).DefaultTimeout();
    }

    /// <summary>Sends text as one WebSocket message, exactly as given.</summary>
    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] bytes, WebSocketMessageType type)
    {
        try
        {
            await _socket.SendAsync(bytes, type, endOfMessage: true, CancellationToken.None).DefaultTimeout();
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            IsClosed = true;
        }
    }

    /// <summary>
    /// Invokes <paramref name="target"/> with <paramref name="argumentsJson"/> (the JSON text inside the
    /// arguments array) and waits for the completion; the result tells whether the server closed the connection instead.
    /// </summary>
    public async Task<RawOutcome> InvokeAsync(string target, string argumentsJson) =>
        await CompletionAsync(await SendInvocationAsync(target, argumentsJson)).DefaultTimeout();

    /// <summary>Joins <paramref name="documentId"/> and waits for the join's completion, which must succeed.</summary>
    public async Task JoinAsync(string documentId)
    {
        var outcome = await InvokeAsync("Join", JsonSerializer.Serialize(documentId) + ",null").DefaultTimeout();
        Assert.False(outcome.Closed, "The server closed the connection before the join completed.");
        Assert.True(outcome.Error is null, $"Join failed: {outcome.Error}");
    }

    /// <summary>Sends an invocation without waiting; returns its id for <see cref="CompletionAsync"/>.</summary>
    public async Task<string> SendInvocationAsync(string target, string argumentsJson)
    {
        string id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":{JsonSerializer.Serialize(target)},\"arguments\":[{argumentsJson}]}}" + RecordSeparator).DefaultTimeout();
        return id;
    }

    /// <summary>Sends the frame built by <paramref name="frame"/> (from the invocation id) and waits for its completion.</summary>
    public async Task<RawOutcome> InvokeFrameAsync(Func<string, string> frame)
    {
        string id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(frame(id) + RecordSeparator).DefaultTimeout();
        return await CompletionAsync(id).DefaultTimeout();
    }

    /// <summary>
    /// Waits for the completion of invocation <paramref name="id"/> (any completion when null), or for the
    /// connection to close. Completions of other invocations that arrive first are kept for later.
    /// </summary>
    public async Task<RawOutcome> CompletionAsync(string? id)
    {
        if (id is not null && _completions.Remove(id, out var kept))
        {
            return kept;
        }

        while (true)
        {
            var message = await ReceiveAsync().DefaultTimeout();
            if (message is not JsonElement json)
            {
                return RawOutcome.ClosedWith(CloseError);
            }

            int type = json.GetProperty("type").GetInt32();
            if (type == 7)
            {
                CloseError = json.TryGetProperty("error", out var error) ? error.GetString() : null;
                IsClosed = true;
                return RawOutcome.ClosedWith(CloseError);
            }

            if (type == 3)
            {
                var outcome = json.TryGetProperty("error", out var error)
                    ? RawOutcome.Failed(error.GetString()!)
                    : RawOutcome.Completed(json.TryGetProperty("result", out var result) ? result.Clone() : null);
                string? completed = json.TryGetProperty("invocationId", out var invocation) ? invocation.GetString() : null;
                if (id is null || completed == id)
                {
                    return outcome;
                }

                _completions[completed ?? string.Empty] = outcome;
            }
        }
    }

    /// <summary>
    /// Reads everything the server sent until the connection ends or nothing but pings arrives for
    /// <paramref name="quiet"/>; the operation broadcasts received, and whether the server closed the connection.
    /// </summary>
    public async Task<(int Operations, bool Closed)> DrainAsync(TimeSpan quiet)
    {
        int operations = 0;
        while (true)
        {
            JsonElement? message;
            try
            {
                message = await ReceiveAsync().WaitAsync(quiet).DefaultTimeout();
            }
            catch (TimeoutException)
            {
                return (operations, false);
            }

            if (message is not JsonElement json)
            {
                return (operations, true);
            }

            int type = json.TryGetProperty("type", out var typeProperty) ? typeProperty.GetInt32() : 0;
            if (type == 7)
            {
                CloseError = json.TryGetProperty("error", out var error) ? error.GetString() : null;
                IsClosed = true;
                return (operations, true);
            }

            if (type == 1 && json.GetProperty("target").GetString() == "Operation")
            {
                operations++;
            }
        }
    }

    /// <summary>The next protocol message (pings included), or null once the connection is closed.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        while (_received.Count == 0)
        {
            if (IsClosed)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            WebSocketReceiveResult result;
            try
            {
                do
                {
                    var segment = new byte[16 * 1024];
                    result = await _socket.ReceiveAsync(segment, CancellationToken.None).DefaultTimeout();
                    buffer.Write(segment.AsSpan(0, result.Count));
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
            {
                IsClosed = true;
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                IsClosed = true;
                return null;
            }

            foreach (string record in Encoding.UTF8.GetString(buffer.ToArray()).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var json = JsonDocument.Parse(record).RootElement.Clone();
                if (!(json.TryGetProperty("type", out var type) && type.GetInt32() == 6))
                {
                    _received.Enqueue(json);
                }
            }
        }

        return _received.Dequeue();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2)).DefaultTimeout();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
        }

        _socket.Dispose();
    }

    private static async Task<RawHubSocket> HandshakeAsync(WebSocket socket)
    {
        var raw = new RawHubSocket(socket);
        await raw.SendAsync("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator).DefaultTimeout();
        var handshake = await raw.ReceiveAsync().DefaultTimeout();
        Assert.True(handshake is { ValueKind: JsonValueKind.Object }, "handshake response");
        Assert.False(handshake!.Value.TryGetProperty("error", out _), "handshake error");
        return raw;
    }
}
