using System.Net.WebSockets;
using CollabDocs.Protocol;
using CollabDocs.Server.Hubs;

namespace CollabDocs.Client.Tests;

/// <summary>How the client classifies a lost connection, and how long it waits for a silent server.</summary>
public sealed class ConnectionFailureTests
{
    [Fact]
    public void TransportFailures_DuringAnInvoke_AreConnectionErrors_WhichRejoinRetries()
    {
        // A join that meets a dead node (WebSocket torn down, socket reset) must be retried, not reported as
        // a client or protocol error: the `connection` code is the one the rejoin path treats as transient.
        Exception[] failures =
        [
            new WebSocketException(WebSocketError.ConnectionClosedPrematurely),
            new IOException("Connection reset by peer"),
            new InvalidOperationException("The 'InvokeCoreAsync' method cannot be called if the connection is not active"),
        ];
        Assert.All(failures, f => Assert.Equal(ErrorCodes.Connection, CollabDocsException.FromInvokeError(f).Code));
    }

    [Fact]
    public void DefaultServerTimeout_IsAtLeastTwiceTheServersKeepAlive_AndSignalRsDefaultKeepAlive()
    {
        var client = new CollabDocsClientOptions();
        Assert.True(client.ServerTimeout >= 2 * new HubTimeoutOptions().KeepAliveInterval, $"ServerTimeout {client.ServerTimeout}");
        Assert.True(client.ServerTimeout >= 2 * TimeSpan.FromSeconds(15), "SignalR's default keep-alive (15 s) is also covered");
    }

    [Fact]
    public void ServerTimeout_ThatIsNotPositive_IsRefused()
    {
        var options = new CollabDocsClientOptions { HubUrl = new Uri("http://127.0.0.1:1/hubs/docs"), ServerTimeout = TimeSpan.Zero };
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollabDocsClient(options));
    }
}
