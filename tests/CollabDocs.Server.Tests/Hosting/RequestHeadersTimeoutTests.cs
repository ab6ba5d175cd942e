using System.Net;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hosting;

/// <summary>
/// <c>CollabDocs:Kestrel:RequestHeadersTimeout</c> on real sockets (the in-memory test server has no Kestrel): a
/// client that starts a request and never finishes its headers is disconnected. The keep-alive timeout is set to
/// 10 minutes, far past the test's timeout, so only the headers timeout (2 s) can close it in time.
/// </summary>
public sealed class RequestHeadersTimeoutTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Promise", "security.request-headers-timeout")]
    public async Task AClientThatNeverFinishesItsHeaders_IsDisconnected()
    {
        await using var server = new LoopbackServer(new Dictionary<string, string?>
        {
            ["CollabDocs:Kestrel:RequestHeadersTimeout"] = "00:00:02",
            ["CollabDocs:Kestrel:KeepAliveTimeout"] = "00:10:00",
        });
        using var client = await RawTcp.ConnectAsync(server.BaseAddress).DefaultTimeout();

        // The request line and one header, then nothing: the blank line that ends the headers never comes.
        await RawTcp.SendAsync(client, server.BaseAddress, finishHeaders: false).DefaultTimeout();
        string received = await RawTcp.ReadUntilClosedAsync(client).DefaultTimeout();

        // The server closed the connection (end of stream), after at most a 408 response.
        output.WriteLine($"received before the close: '{received}'");
        Assert.True(received.Length == 0 || received.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), received);

        // The server itself is fine: a complete request is answered.
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var answered = await http.GetAsync(new Uri("health/live", UriKind.Relative)).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }
}
