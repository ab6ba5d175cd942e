using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hosting;

/// <summary>
/// docs/security.md, Limits: <c>CollabDocs:Kestrel:MaxConcurrentConnections</c>, <c>MaxConcurrentUpgradedConnections</c>
/// and <c>KeepAliveTimeout</c>, on real sockets (the in-memory test server has no Kestrel), with small values.
/// </summary>
public sealed class KestrelConnectionLimitsTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Promise", "security.max-concurrent-connections")]
    public async Task AConnectionOverMaxConcurrentConnections_IsClosedAsItOpens_AndOneIsServedAgainOnceAnotherCloses()
    {
        await using var server = new LoopbackServer(new Dictionary<string, string?> { ["CollabDocs:Kestrel:MaxConcurrentConnections"] = "2" });
        var first = await OpenServedAsync(server).DefaultTimeout();
        using var second = await OpenServedAsync(server).DefaultTimeout();

        using (var third = new TcpClient())
        {
            await third.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port).DefaultTimeout();
            string answer = await RequestAsync(third, server).DefaultTimeout();
            output.WriteLine($"third connection got: '{answer}'");
            Assert.Equal(string.Empty, answer); // closed without an answer
        }

        // The limit counts open connections: once one closes, a new one is served.
        first.Dispose();
        await RetryAsync(async () =>
        {
            using var again = new TcpClient();
            await again.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port).DefaultTimeout();
            return (await RequestAsync(again, server).DefaultTimeout()).StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        }).DefaultTimeout();
    }

    [Fact]
    [Trait("Promise", "security.max-concurrent-upgraded-connections")]
    public async Task AWebSocketOverMaxConcurrentUpgradedConnections_IsRefusedAtTheUpgrade_WhileTheOpenOneWorks()
    {
        await using var server = new LoopbackServer(new Dictionary<string, string?> { ["CollabDocs:Kestrel:MaxConcurrentUpgradedConnections"] = "1" });
        var open = await RawHubSocket.ConnectAsync(server.HubWebSocketUri).DefaultTimeout();

        using (var refused = new ClientWebSocket())
        {
            var error = await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(server.HubWebSocketUri, CancellationToken.None)).DefaultTimeout();
            output.WriteLine($"refused upgrade: {error.Message}");
        }

        // The open one is untouched: it still answers a call.
        var outcome = await open.InvokeAsync("Join", "\"no-such-document\",null").DefaultTimeout();
        Assert.False(outcome.Closed);
        Assert.Contains("document_not_found", outcome.Error, StringComparison.Ordinal);

        // Once it closes, an upgrade succeeds again.
        await open.DisposeAsync();
        await RetryAsync(async () =>
        {
            using var again = new ClientWebSocket();
            try
            {
                await again.ConnectAsync(server.HubWebSocketUri, CancellationToken.None).DefaultTimeout();
                return true;
            }
            catch (WebSocketException)
            {
                return false;
            }
        }).DefaultTimeout();
    }

    [Fact]
    [Trait("Promise", "security.keep-alive-timeout")]
    public async Task AConnectionWithoutARequest_IsClosedAfterKeepAliveTimeout_BeforeTheFirstRequestAndBetweenRequests()
    {
        // The headers timeout is far past the test's timeout: only the keep-alive timeout can close these.
        await using var server = new LoopbackServer(new Dictionary<string, string?>
        {
            ["CollabDocs:Kestrel:KeepAliveTimeout"] = "00:00:02",
            ["CollabDocs:Kestrel:RequestHeadersTimeout"] = "00:10:00",
        });
        using var silent = new TcpClient();
        await silent.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port).DefaultTimeout();
        using var served = await OpenServedAsync(server).DefaultTimeout();

        Assert.Equal(0, await silent.GetStream().ReadAsync(new byte[256]).DefaultTimeout());
        Assert.Equal(0, await served.GetStream().ReadAsync(new byte[256]).DefaultTimeout());
    }

    /// <summary>A connection that has been served one request and is kept alive.</summary>
    private static async Task<TcpClient> OpenServedAsync(LoopbackServer server)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port).DefaultTimeout();
        string answer = await RequestAsync(client, server).DefaultTimeout();
        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        return client;
    }

    /// <summary>Sends <c>GET /health/live</c> and returns what arrives until the end of the headers, or until the server closes.</summary>
    private static async Task<string> RequestAsync(TcpClient client, LoopbackServer server)
    {
        var stream = client.GetStream();
        var received = new StringBuilder();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /health/live HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n\r\n")).DefaultTimeout();
            var buffer = new byte[4096];
            int read;
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer).DefaultTimeout()) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // Reset by the server: nothing more arrives.
        }

        return received.ToString();
    }

    private static async Task RetryAsync(Func<Task<bool>> attempt)
    {
        for (int i = 0; !await attempt().DefaultTimeout(); i++)
        {
            Assert.True(i < 50, "never succeeded again");
            await Task.Delay(100).DefaultTimeout();
        }
    }
}
