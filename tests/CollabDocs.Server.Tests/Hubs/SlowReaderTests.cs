using System.Globalization;
using System.Threading.Channels;
using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>
/// docs/security.md, "Fan-out": a joined client that never reads its socket is closed once
/// CollabDocs:Limits:MaxSendQueueBytes wait for it, and the document's other readers never wait for it.
/// On real sockets (Kestrel on 127.0.0.1): only there does a reader that stops reading push back on the server.
/// </summary>
public sealed class SlowReaderTests(ITestOutputHelper output)
{
    private const int MaxSendQueueBytes = 64 * 1024;
    private const int ChunkLength = 32 * 1024;
    private const int MaxSubmits = 1000;
    private const int SubmitsAfterTheDrop = 20;

    // Far above a broadcast on loopback, far below the stall a group send waiting for the stalled socket caused (10 s and more).
    private static readonly TimeSpan BroadcastBound = TimeSpan.FromSeconds(5);

    [Fact]
    [Trait("Promise", "protocol.slow-reader-is-closed")]
    [Trait("Promise", "security.max-send-queue-bytes")]
    public async Task AClientThatNeverReads_IsClosed_WhileTheOtherReaderGetsEveryOperationInOrder()
    {
        await using var server = new LoopbackServer(new Dictionary<string, string?>
        {
            ["CollabDocs:Limits:MaxSendQueueBytes"] = MaxSendQueueBytes.ToString(CultureInfo.InvariantCulture),
        });
        string id = (await server.Factory.Api.CreateAsync().DefaultTimeout()).Id;
        await using var editor = await server.ConnectAsync().DefaultTimeout();
        await using var reader = await server.ConnectAsync().DefaultTimeout();
        var received = Channel.CreateUnbounded<OperationMessage>();
        using var subscription = reader.On<OperationMessage>("Operation", m => received.Writer.TryWrite(m));
        await editor.InvokeAsync<JoinResult>("Join", id, null).DefaultTimeout();
        await reader.InvokeAsync<JoinResult>("Join", id, null).DefaultTimeout();
        await using var stalled = await RawHubSocket.ConnectAsync(server.HubWebSocketUri).DefaultTimeout();
        await stalled.JoinAsync(id).DefaultTimeout(); // and then reads nothing until DrainAsync

        string chunk = new('x', ChunkLength);
        string clientId = Guid.NewGuid().ToString("N");
        int revision = 0;
        int droppedAt = 0;
        for (int seq = 1; seq <= MaxSubmits && (droppedAt == 0 || revision < droppedAt + SubmitsAfterTheDrop); seq++)
        {
            int length = revision * ChunkLength;
            var ack = await editor.InvokeAsync<SubmitResult>("Submit", id, revision, TextOperation.Splice(length, length, 0, chunk), clientId, seq).DefaultTimeout();
            Assert.Equal(revision + 1, ack.Revision);
            revision = ack.Revision;

            OperationMessage broadcast;
            try
            {
                broadcast = await received.Reader.ReadAsync().AsTask().DefaultTimeout(BroadcastBound);
            }
            catch (TimeoutException)
            {
                output.WriteLine($"stalled at {revision}; logs: " + string.Join("\n", server.Factory.Logs.Entries));
                throw;
            }

            Assert.Equal(revision, broadcast.Revision);
            if (droppedAt == 0 && server.Factory.Logs.Entries.Any(e => e.EventId.Name == "SendQueueFull"))
            {
                droppedAt = revision;
            }
        }

        output.WriteLine($"The stalled client was closed after {droppedAt} operations of {ChunkLength} characters; {revision} were broadcast.");
        Assert.True(droppedAt > 0, $"The stalled client was not closed after {revision} operations.");
        var (operations, closed) = await stalled.DrainAsync(BroadcastBound).DefaultTimeout();
        output.WriteLine($"It had been sent {operations} operations before it was closed.");
        Assert.True(closed, "The stalled client's connection stayed open.");
        Assert.True(operations < revision, $"The stalled client got all {revision} operations.");
    }
}
