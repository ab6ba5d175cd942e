using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>
/// <c>CollabDocs:Hub:KeepAliveInterval</c>: the server pings an idle connection this often (checked on SignalR's 1 s
/// timer, so a 1 s interval pings about every 2 s: 10 pings took 18 s on the 2-core CI machine). Ten pings must reach
/// a client that sends nothing after its handshake within 45 s; at the default (5 s) or SignalR's (15 s) they could
/// not (50 s, 150 s at least), so the count is what proves the setting.
/// </summary>
public sealed class KeepAliveIntervalTests(ITestOutputHelper output) : ServerTest(output)
{
    private const char RecordSeparator = '\u001e';
    private const int Pings = 10;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Hub:KeepAliveInterval"] = "00:00:01",
        ["CollabDocs:Hub:ClientTimeoutInterval"] = "00:02:00",
    };

    [Fact]
    [Trait("Promise", "security.hub-keep-alive-interval")]
    public async Task AnIdleConnection_IsPingedAtTheConfiguredInterval()
    {
        var client = Server.Server.CreateWebSocketClient();
        using var socket = await client.ConnectAsync(new Uri(Server.Server.BaseAddress, "hubs/docs"), CancellationToken.None).DefaultTimeout();
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).DefaultTimeout();

        var records = new List<string>();
        var started = DateTime.UtcNow;

        // All ten within 45 s, not each.
        int pings = await ReadPingsAsync(socket, records).DefaultTimeout(TimeSpan.FromSeconds(45));

        Output.WriteLine($"{pings} pings in {(DateTime.UtcNow - started).TotalSeconds:F1} s; records: {string.Join(' ', records)}");
        Assert.Equal("{}", records[0]); // the handshake's answer, then pings only
        Assert.All(records.Skip(1), record => Assert.Equal("{\"type\":6}", record));
    }

    private static async Task<int> ReadPingsAsync(WebSocket socket, List<string> records)
    {
        int pings = 0;
        var buffer = new byte[4096];
        while (pings < Pings)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None).DefaultTimeout();
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            foreach (string record in Encoding.UTF8.GetString(buffer, 0, result.Count).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                records.Add(record);
                using var json = JsonDocument.Parse(record);
                if (json.RootElement.TryGetProperty("type", out var type) && type.GetInt32() == 6)
                {
                    pings++;
                }
            }
        }

        return pings;
    }
}
