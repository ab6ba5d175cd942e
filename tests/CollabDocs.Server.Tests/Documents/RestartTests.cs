using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>A restarted server (a new process on the same SQLite file) has every acknowledged operation and remembers what it deduplicates.</summary>
public sealed class RestartTests(ITestOutputHelper output) : ServerTest(output)
{
    // Small, so that a restarted server loads from a snapshot in the middle of the log.
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Storage:SnapshotInterval"] = "7",
    };

    [Fact]
    [Trait("Promise", "protocol.ack-after-durable-commit")]
    public async Task Restart_KeepsEveryAcknowledgedOperation()
    {
        string id = await CreateDocumentAsync("start").DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();
        var random = new Random(RandomEdits.Seed(3));
        string text = "start";
        var operations = new List<TextOperation>();
        for (int seq = 1; seq <= 30; seq++)
        {
            var operation = RandomEdits.Next(random, text);
            Assert.Equal(seq, await client.SubmitAsync(id, seq - 1, operation, seq).DefaultTimeout());
            operations.Add(operation);
            text = operation.Apply(text);
        }

        await RestartAsync().DefaultTimeout();

        Assert.Equal((30, text), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal(operations, (await Api.GetLogAsync(id).DefaultTimeout()).Select(o => o.Operation));
        var reconnected = await ConnectAsync().DefaultTimeout();
        var joined = await reconnected.JoinAsync(id).DefaultTimeout();
        Assert.Equal(30, joined.Revision);
        Assert.Equal(text, joined.Text);

        // A submit on a base older than the snapshot the server loaded is transformed through the log.
        var history = new List<string> { "start" };
        foreach (var operation in operations)
        {
            history.Add(operation.Apply(history[^1]));
        }

        var stale = RandomEdits.Next(random, history[3]);
        var expected = stale;
        foreach (var operation in operations.Skip(3))
        {
            expected = TextOperation.Transform(expected, operation).APrime;
        }

        Assert.Equal(31, await reconnected.SubmitAsync(id, 3, stale, seq: 1).DefaultTimeout());
        Assert.Equal(expected, (await Api.GetOperationsAsync(id, from: 30).DefaultTimeout()).Single().Operation);
        Assert.Equal((31, expected.Apply(text)), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "protocol.resend-same-seq-applies-once")]
    public async Task Restart_KeepsDedupeRecords_ResubmitIsNotAppliedAgain()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();
        var first = TextOperation.Splice(3, 3, 0, "d");
        var second = TextOperation.Splice(4, 0, 0, ">");
        Assert.Equal(1, await client.SubmitAsync(id, 0, first, seq: 1).DefaultTimeout());
        Assert.Equal(2, await client.SubmitAsync(id, 1, second, seq: 2).DefaultTimeout());
        Assert.Equal(3, await client.SubmitAsync(id, 2, TextOperation.Splice(5, 5, 0, "!"), seq: 4).DefaultTimeout());

        await RestartAsync().DefaultTimeout();
        var reconnected = await ConnectAsync(clientId: client.ClientId).DefaultTimeout();

        // The latest seq and an older one, on their own base and on a later one (transformed like a client would).
        Assert.Equal(3, await reconnected.SubmitAsync(id, 2, TextOperation.Splice(5, 5, 0, "!"), seq: 4).DefaultTimeout());
        Assert.Equal(2, await reconnected.SubmitAsync(id, 1, second, seq: 2).DefaultTimeout());
        Assert.Equal(1, await reconnected.SubmitAsync(id, 0, first, seq: 1).DefaultTimeout());
        await HubErrors.AssertCodeAsync("duplicate_seq_mismatch", () => reconnected.SubmitAsync(id, 0, TextOperation.Splice(3, 0, 0, "x"), seq: 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("seq_out_of_order", () => reconnected.SubmitAsync(id, 3, TextOperation.Splice(6, 0, 0, "x"), seq: 3)).DefaultTimeout();
        Assert.Equal((3, ">abcd!"), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal(3, (await Api.GetLogAsync(id).DefaultTimeout()).Count);

        // And the next seq is applied as usual.
        Assert.Equal(4, await reconnected.SubmitAsync(id, 3, TextOperation.Splice(6, 6, 0, "?"), seq: 5).DefaultTimeout());
        Assert.Equal((4, ">abcd!?"), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    public async Task Restart_WhileClientsAreConnected_ClientsRejoinAndCatchUp()
    {
        string id = await CreateDocumentAsync("x").DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();
        var joined = await client.JoinAsync(id).DefaultTimeout();
        Assert.Equal(1, await client.SubmitAsync(id, joined.Revision, TextOperation.Splice(1, 1, 0, "y"), seq: 1).DefaultTimeout());

        await RestartAsync().DefaultTimeout();

        var writer = await ConnectAsync().DefaultTimeout();
        Assert.Equal(2, await writer.SubmitAsync(id, 1, TextOperation.Splice(2, 2, 0, "z"), seq: 1).DefaultTimeout());
        var reconnected = await ConnectAsync(clientId: client.ClientId).DefaultTimeout();
        var rejoined = await reconnected.JoinAsync(id, knownRevision: 1).DefaultTimeout();
        Assert.Null(rejoined.Text);
        var missed = Assert.Single(rejoined.Operations!);
        Assert.Equal(2, missed.Revision);
        Assert.Equal("xyz", missed.Operation.Apply("xy"));
    }
}
