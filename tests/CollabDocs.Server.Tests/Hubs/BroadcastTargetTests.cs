using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>
/// docs/protocol.md, Submit and Operation: "Every other subscriber receives it as an Operation broadcast"; "Sent
/// to every subscriber except the connection that submitted it".
/// </summary>
public sealed class BroadcastTargetTests(ITestOutputHelper output) : ServerTest(output)
{
    [Fact]
    [Trait("Promise", "protocol.broadcast-to-other-subscribers")]
    public async Task Operation_ReachesEveryOtherSubscriber_ButNotTheConnectionThatSubmittedIt()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        var first = await ConnectAsync().DefaultTimeout();
        var second = await ConnectAsync().DefaultTimeout();
        foreach (var client in new[] { writer, first, second })
        {
            await client.JoinAsync(id).DefaultTimeout();
        }

        Assert.Equal(1, await writer.SubmitAsync(id, 0, TextOperation.Splice(3, 0, 0, ">"), seq: 1).DefaultTimeout());
        Assert.Equal(2, await first.SubmitAsync(id, 1, TextOperation.Splice(4, 4, 0, "<"), seq: 1).DefaultTimeout());

        // A document's broadcasts reach a connection in revision order, so had the writer been sent its own
        // revision 1, it would arrive before revision 2: the first broadcast it gets is the other client's.
        var writerFirst = await writer.Operations.ReadAsync().DefaultTimeout();
        Assert.Equal((2, first.ClientId), (writerFirst.Revision, writerFirst.ClientId));

        var firstSaw = await first.Operations.ReadAsync().DefaultTimeout();
        Assert.Equal((1, writer.ClientId), (firstSaw.Revision, firstSaw.ClientId));

        var secondSaw = new[] { await second.Operations.ReadAsync().DefaultTimeout(), await second.Operations.ReadAsync().DefaultTimeout() };
        Assert.Equal([(1, writer.ClientId), (2, first.ClientId)], secondSaw.Select(o => (o.Revision, o.ClientId)));
        Assert.Equal((2, ">abc<"), await GetDocumentAsync(id).DefaultTimeout());
    }
}
