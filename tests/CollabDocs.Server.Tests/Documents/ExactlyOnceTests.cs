using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;
using static CollabDocs.Server.Tests.Documents.StaleBaseRevisionTests;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>(clientId, seq) makes a submit idempotent: a resend is acknowledged with the first revision and never applied twice.</summary>
public sealed class ExactlyOnceTests(ITestOutputHelper output) : ServerTest(output)
{
    [Fact]
    [Trait("Promise", "protocol.resend-same-seq-applies-once")]
    [Trait("Promise", "protocol.resend-returns-first-revision")]
    public async Task Resubmit_AfterDroppedAck_WithSameBase_IsAppliedOnce()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();
        var operation = Splice("abc", 3, 0, "d");

        Assert.Equal(1, await client.SubmitAsync(id, 0, operation, seq: 1).DefaultTimeout());
        Assert.Equal(1, await client.SubmitAsync(id, 0, operation, seq: 1).DefaultTimeout());

        // From another connection too (a reconnect), as long as the client id is the same.
        var reconnected = await ConnectAsync(clientId: client.ClientId).DefaultTimeout();
        Assert.Equal(1, await reconnected.SubmitAsync(id, 0, operation, seq: 1).DefaultTimeout());

        Assert.Equal((1, "abcd"), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Single(await Api.GetLogAsync(id).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "protocol.resend-same-seq-applies-once")]
    [Trait("Promise", "protocol.resend-returns-first-revision")]
    public async Task Resubmit_AfterDroppedAck_TransformedToNewerBase_IsAppliedOnce()
    {
        string id = await CreateDocumentAsync("hello").DefaultTimeout();
        var alice = await ConnectAsync().DefaultTimeout();
        var bob = await ConnectAsync().DefaultTimeout();
        await alice.JoinAsync(id).DefaultTimeout();

        // Bob and Alice both insert at offset 2 of revision 0; Bob commits first.
        Assert.Equal(1, await bob.SubmitAsync(id, 0, Splice("hello", 2, 0, "B"), seq: 1).DefaultTimeout());
        var mine = Splice("hello", 2, 0, "A");
        Assert.Equal(2, await alice.SubmitAsync(id, 0, mine, seq: 1).DefaultTimeout()); // this ack is "lost"
        Assert.Equal((2, "heABllo"), await GetDocumentAsync(id).DefaultTimeout());

        // Alice, still awaiting confirmation, receives Bob's operation and transforms her outstanding one
        // against it as ot.js does (her operation first); after reconnecting she resends it on revision 1.
        var bobs = await alice.Operations.ReadAsync().DefaultTimeout();
        Assert.Equal(1, bobs.Revision);
        var resent = TextOperation.Transform(mine, bobs.Operation).APrime;
        Assert.Equal(2, await alice.SubmitAsync(id, 1, resent, seq: 1).DefaultTimeout());
        Assert.Equal(2, await alice.SubmitAsync(id, 0, mine, seq: 1).DefaultTimeout());

        // Later commits do not change the answer.
        Assert.Equal(3, await bob.SubmitAsync(id, 2, Splice("heABllo", 0, 0, ">"), seq: 2).DefaultTimeout());
        Assert.Equal(2, await alice.SubmitAsync(id, 1, resent, seq: 1).DefaultTimeout());

        Assert.Equal((3, ">heABllo"), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal(3, (await Api.GetLogAsync(id).DefaultTimeout()).Count);
    }

    [Fact]
    [Trait("Promise", "protocol.duplicate-seq-mismatch")]
    public async Task Resubmit_WithDifferentOperation_FailsWithDuplicateSeqMismatch()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();
        Assert.Equal(1, await client.SubmitAsync(id, 0, Splice("abc", 0, 0, "x"), seq: 1).DefaultTimeout());

        await HubErrors.AssertCodeAsync("duplicate_seq_mismatch", () => client.SubmitAsync(id, 0, Splice("abc", 0, 0, "y"), seq: 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("duplicate_seq_mismatch", () => client.SubmitAsync(id, 0, Splice("abc", 1, 1, ""), seq: 1)).DefaultTimeout();

        Assert.Equal((1, "xabc"), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal(2, await client.SubmitAsync(id, 1, Splice("xabc", 4, 0, "!"), seq: 2).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "protocol.error-seq-out-of-order")]
    public async Task LowerSeq_NeverCommitted_FailsWithSeqOutOfOrder()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();
        var first = Splice("abc", 0, 0, "1");
        Assert.Equal(1, await client.SubmitAsync(id, 0, first, seq: 1).DefaultTimeout());
        Assert.Equal(2, await client.SubmitAsync(id, 1, Splice("1abc", 0, 0, "3"), seq: 3).DefaultTimeout());

        await HubErrors.AssertCodeAsync("seq_out_of_order", () => client.SubmitAsync(id, 2, Splice("31abc", 0, 0, "2"), seq: 2)).DefaultTimeout();

        // An older seq that was committed is still recognised.
        Assert.Equal(1, await client.SubmitAsync(id, 0, first, seq: 1).DefaultTimeout());
        Assert.Equal((2, "31abc"), await GetDocumentAsync(id).DefaultTimeout());
    }
}
