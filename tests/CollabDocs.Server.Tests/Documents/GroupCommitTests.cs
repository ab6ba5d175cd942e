using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>Submits queued together for one document are committed together, each with its own consecutive revision.</summary>
public sealed class GroupCommitTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int Writers = 16;
    private RecordingDocumentStore _store = null!;
    private HubCallCounter _submits = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        _store = RecordingDocumentStore.Install(services);
        _submits = HubCallCounter.Install(services, "Submit");
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
        await _submits.WaitForAsync(Writers).DefaultTimeout();
        await Task.Delay(100).DefaultTimeout(); // from the hub to the document's queue
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
        await _submits.WaitForAsync(2).DefaultTimeout();
        await Task.Delay(50).DefaultTimeout(); // the original first in the queue, then its resend
        var resend = resender.SubmitAsync(id, 0, operation, seq: 1);
        await _submits.WaitForAsync(3).DefaultTimeout();
        await Task.Delay(100).DefaultTimeout();
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
}
