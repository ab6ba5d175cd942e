using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// A raw WebSocket that joins a document (SignalR JSON protocol by hand) and then stops reading its socket,
/// as a stalled or hostile client would, until the test drains it.
/// </summary>
public sealed class NonReadingHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _pending = new();

    private NonReadingHubClient()
    {
    }

    /// <summary>Connects, joins <paramref name="documentId"/> and waits for the join's completion; reads nothing after it.</summary>
    public static async Task<NonReadingHubClient> JoinAsync(Uri hub, string documentId)
    {
        var client = new NonReadingHubClient();
        await client._socket.ConnectAsync(hub, CancellationToken.None).DefaultTimeout();
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}").DefaultTimeout();
        await client.SendAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Join\",\"arguments\":[{JsonSerializer.Serialize(documentId)},null]}}").DefaultTimeout();
        while (await client.ReceiveAsync().DefaultTimeout() is JsonElement message)
        {
            if (message.TryGetProperty("type", out var type) && type.GetInt32() == 3)
            {
                Assert.False(message.TryGetProperty("error", out var error), $"Join failed: {error}");
                return client;
            }
        }

        throw new InvalidOperationException("The server closed the connection before the join completed.");
    }

    /// <summary>Reads everything the server sent until the connection ends; the operation broadcasts received, and whether the server closed the connection.</summary>
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
                return (operations, true);
            }

            if (type == 1 && json.GetProperty("target").GetString() == "Operation")
            {
                operations++;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task SendAsync(string record) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(record + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next protocol message (pings and handshake included), or null once the connection ended.</summary>
    private async Task<JsonElement?> ReceiveAsync()
    {
        while (true)
        {
            string text = _pending.ToString();
            int end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return JsonDocument.Parse(text[..end]).RootElement.Clone();
            }

            var buffer = new byte[64 * 1024];
            try
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
            {
                return null;
            }
        }
    }
}
