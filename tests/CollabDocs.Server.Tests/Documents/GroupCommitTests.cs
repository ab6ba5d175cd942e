using CollabDocs.Ot;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>Submits queued together for one document are committed together, each with its own consecutive revision.</summary>
public sealed class GroupCommitTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int Writers = 16;
    private RecordingDocumentStore _store = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        _store = RecordingDocumentStore.Install(services);
    }

    [Fact]
    [Trait("Promise", "protocol.revisions-gap-free")]
    public async Task ManySubmitsQueuedAtOnce_AreCommittedTogether_WithDistinctConsecutiveRevisions()
    {
        string id = await CreateDocumentAsync().DefaultTimeout();
        var writers = new List<TestHubClient>();
        for (int i = 0; i < Writers; i++)
        {
            writers.Add(await ConnectAsync().DefaultTimeout());
        }

        // The first commit waits in the store while every other writer's submit queues behind it.
        var held = _store.HoldNextCommitAsync();
        var first = writers[0].SubmitAsync(id, 0, TextOperation.Splice(0, 0, 0, "a"), seq: 1);
        await held.DefaultTimeout();
        var others = writers.Skip(1).Select((writer, i) => writer.SubmitAsync(id, 0, TextOperation.Splice(0, 0, 0, ((char)('b' + i)).ToString()), seq: 1)).ToList();
        await WaitUntilQueuedAsync(id, Writers - 1).DefaultTimeout();
        _store.Release();

        int[] acks = await Task.WhenAll(others.Prepend(first)).DefaultTimeout();
        Assert.Equal(Enumerable.Range(1, Writers), acks.Order());
        Assert.Equal(1, acks[0]);

        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal(Enumerable.Range(1, Writers), log.Select(o => o.Revision));
        for (int i = 0; i < Writers; i++)
        {
            Assert.Equal(writers[i].ClientId, log[acks[i] - 1].ClientId);
        }

        // Every insert was at offset 0 of revision 0, and the later one goes first: the text is the log reversed.
        string expected = string.Concat(log.Reverse().Select(o => o.Operation.Components[0].Text));
        Assert.Equal((Writers, expected), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal(Writers, _store.CommittedBatches.Sum());
        Assert.True(_store.CommittedBatches.Max() > 1, $"no group commit: batches {string.Join(", ", _store.CommittedBatches)}");
    }

    [Fact]
    public async Task ResendQueuedBehindItsOriginal_InTheSameBatch_GetsTheSameRevision()
    {
        string id = await CreateDocumentAsync("x").DefaultTimeout();
        var other = await ConnectAsync().DefaultTimeout();
        var first = await ConnectAsync().DefaultTimeout();
        var resender = await ConnectAsync(clientId: first.ClientId).DefaultTimeout();
        var operation = TextOperation.Splice(1, 1, 0, "!");

        var held = _store.HoldNextCommitAsync();
        var blocker = other.SubmitAsync(id, 0, TextOperation.Splice(1, 0, 0, ">"), seq: 1);
        await held.DefaultTimeout();
        var original = first.SubmitAsync(id, 0, operation, seq: 1);
        await WaitUntilQueuedAsync(id, 1).DefaultTimeout();
        var resend = resender.SubmitAsync(id, 0, operation, seq: 1);
        // The original and then its resend wait in the document's queue behind the held commit: the next batch takes
        // both, prepares the original and holds the resend until that batch is committed.
        await WaitUntilQueuedAsync(id, 2).DefaultTimeout();
        _store.Release();

        Assert.Equal(1, await blocker.DefaultTimeout());
        Assert.Equal(2, await original.DefaultTimeout());
        Assert.Equal(2, await resend.DefaultTimeout());
        Assert.Equal((2, ">x!"), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal(2, (await Api.GetLogAsync(id).DefaultTimeout()).Count);

        // Two commits of one operation each: the resend never reached the store, as a commit or a conflict.
        Assert.Equal(2, _store.CommitAttempts);
        Assert.Equal([1, 1], _store.CommittedBatches);
    }

    private async Task WaitUntilQueuedAsync(string documentId, int count)
    {
        var actors = Server.Services.GetRequiredService<DocumentActorManager>();
        while (await actors.RunAsync(documentId, actor => Task.FromResult(actor.Queued)).DefaultTimeout() < count)
        {
            await Task.Delay(5).DefaultTimeout();
        }
    }
}
