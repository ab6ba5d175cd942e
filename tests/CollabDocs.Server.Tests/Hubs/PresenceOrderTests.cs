using CollabDocs.Protocol;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>
/// Presence carries no sequence number: a reader sees each connection's presence in the order the server handled
/// that connection's updates. Two writers take turns (each update awaited, so the handling order is the order sent),
/// in bursts spread over several flushes; whatever the coalescing drops, each writer's selections arrive in that
/// order, ending with its last one.
/// </summary>
public sealed class PresenceOrderTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int Updates = 60;

    [Fact]
    [Trait("Promise", "protocol.presence-in-handled-order")]
    public async Task PresenceFromTwoWriters_ArrivesInTheOrderEachWritersUpdatesWereHandled()
    {
        string id = await CreateDocumentAsync(new string('.', Updates)).DefaultTimeout();
        var reader = await ConnectAsync().DefaultTimeout();
        var writers = new[] { await ConnectAsync().DefaultTimeout(), await ConnectAsync().DefaultTimeout() };
        await reader.JoinAsync(id).DefaultTimeout();
        var sessions = new List<string>();
        foreach (var writer in writers)
        {
            sessions.Add((await writer.JoinAsync(id).DefaultTimeout()).SessionId);
        }

        // Update i puts writer i % 2's cursor at offset i: the offset names the update.
        for (int i = 0; i < Updates; i++)
        {
            await writers[i % 2].UpdatePresenceAsync(id, 0, new RangeMessage(i, i)).DefaultTimeout();
            if (i % 10 == 9)
            {
                await Task.Delay(60).DefaultTimeout(); // past the 50 ms throttle: the next burst goes in another flush
            }
        }

        var received = new[] { new List<int>(), new List<int>() };
        while (!received[0].Contains(Updates - 2) || !received[1].Contains(Updates - 1))
        {
            var message = await reader.Presence.ReadAsync().AsTask().DefaultTimeout();
            int writer = sessions.IndexOf(message.SessionId);
            Assert.InRange(writer, 0, 1);
            if (message.Ranges.Count == 0 && received[writer].Count == 0)
            {
                continue; // The writer's join, before any selection (no update here sends an empty one).
            }

            int offset = Assert.Single(message.Ranges).Anchor;
            Assert.Equal(writer, offset % 2);
            received[writer].Add(offset);
        }

        Output.WriteLine($"received {string.Join(',', received[0])} and {string.Join(',', received[1])}");
        foreach (var offsets in received)
        {
            for (int i = 1; i < offsets.Count; i++)
            {
                Assert.True(offsets[i] > offsets[i - 1], $"update {offsets[i]} arrived after {offsets[i - 1]}: {string.Join(',', offsets)}");
            }
        }

        Assert.InRange(received[0].Count + received[1].Count, 4, Updates);
    }
}
