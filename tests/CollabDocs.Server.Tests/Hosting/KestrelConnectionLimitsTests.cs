using System.Net.WebSockets;
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
        var first = await RawTcp.OpenServedAsync(server.BaseAddress).DefaultTimeout();
        using var second = await RawTcp.OpenServedAsync(server.BaseAddress).DefaultTimeout();

        using (var third = await RawTcp.ConnectAsync(server.BaseAddress).DefaultTimeout())
        {
            string answer = await RawTcp.RequestAsync(third, server.BaseAddress).DefaultTimeout();
            output.WriteLine($"third connection got: '{answer}'");
            Assert.Equal(string.Empty, answer); // closed without an answer
        }

        // The limit counts open connections: once one closes, a new one is served.
        first.Dispose();
        await RetryAsync(async () =>
        {
            using var again = await RawTcp.ConnectAsync(server.BaseAddress).DefaultTimeout();
            return (await RawTcp.RequestAsync(again, server.BaseAddress).DefaultTimeout()).StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
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
        using var silent = await RawTcp.ConnectAsync(server.BaseAddress).DefaultTimeout();
        using var served = await RawTcp.OpenServedAsync(server.BaseAddress).DefaultTimeout();

        Assert.Equal(0, await silent.GetStream().ReadAsync(new byte[256]).DefaultTimeout());
        Assert.Equal(0, await served.GetStream().ReadAsync(new byte[256]).DefaultTimeout());
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
