using CollabDocs.Client;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>
/// Two server processes on one SQLite file, both writing the same document: the store's unique keys and
/// expected-revision check decide the order, so history never forks, and both nodes converge.
/// </summary>
public sealed class SharedStoreTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int ClientsPerNode = 3;
    private const int EditsPerClient = 40;

    [Fact]
    [Trait("Promise", "cluster.store-refuses-forked-history")]
    [Trait("Promise", "protocol.revisions-gap-free")]
    public async Task TwoServersOnOneFile_WritingOneDocument_NeverForkHistory()
    {
        int seed = RandomEdits.Seed(11);
        Output.WriteLine($"seed {seed}");
        var nodes = new[] { Server, StartServer() };
        string id = await CreateDocumentAsync("Two nodes, one history.\n").DefaultTimeout();
        await using var editors = new TestDocumentClients();
        var clients = new List<CollabDocument>();
        foreach (var node in nodes)
        {
            for (int i = 0; i < ClientsPerNode; i++)
            {
                clients.Add(await editors.OpenAsync(node, id).DefaultTimeout());
            }
        }

        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var random = new Random(seed + i);
            for (int edit = 0; edit < EditsPerClient; edit++)
            {
                client.Edit(text => RandomEdits.Next(random, text));
                if (random.Next(3) == 0)
                {
                    // Operations of the other node are not broadcast here: fill the gap from the log.
                    await client.CatchUpAsync().DefaultTimeout();
                }
            }

            // The client fills the gaps before its acknowledgements from the log by itself.
            await client.WhenSynchronizedAsync().DefaultTimeout();
        }))).DefaultTimeout();

        int submitted = clients.Sum(c => c.LastSeq);
        var log = await nodes[0].Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal(Enumerable.Range(1, submitted), log.Select(o => o.Revision));
        Assert.Equal(log, await nodes[1].Api.GetLogAsync(id).DefaultTimeout());
        foreach (var client in clients)
        {
            Assert.Equal(Enumerable.Range(1, client.LastSeq), log.Where(o => o.ClientId == client.ClientId).Select(o => o.Seq));
        }

        // Every client catches up through its own node (GetOperations), then both nodes serve the same text.
        string replayed = log.Aggregate("Two nodes, one history.\n", (text, o) => o.Operation.Apply(text));
        foreach (var client in clients)
        {
            await client.CatchUpAsync().DefaultTimeout();
            Assert.Equal(submitted, client.Revision);
            Assert.Equal(replayed, client.Text);
        }

        foreach (var node in nodes)
        {
            Assert.Equal((submitted, replayed), await GetDocumentAsync(id, node).DefaultTimeout());
        }
    }

    [Fact]
    [Trait("Promise", "protocol.resend-same-seq-applies-once")]
    public async Task ResendToTheOtherServer_AfterALostAck_IsAppliedOnce()
    {
        var nodes = new[] { Server, StartServer() };
        string id = await CreateDocumentAsync("abc").DefaultTimeout();

        // Node B loads the document first, so its session is behind when A commits.
        Assert.Equal((0, "abc"), await GetDocumentAsync(id, nodes[1]).DefaultTimeout());
        var onA = await ConnectAsync(nodes[0]).DefaultTimeout();
        var operation = TextOperation.Splice(3, 3, 0, "d");
        Assert.Equal(1, await onA.SubmitAsync(id, 0, operation, seq: 1).DefaultTimeout()); // the ack is "lost"

        // The client reconnects to B and resends: B learns of the commit from the store, not from memory.
        var onB = await ConnectAsync(nodes[1], clientId: onA.ClientId).DefaultTimeout();
        Assert.Equal(1, await onB.SubmitAsync(id, 0, operation, seq: 1).DefaultTimeout());
        Assert.Equal(2, await onB.SubmitAsync(id, 1, TextOperation.Splice(4, 4, 0, "e"), seq: 2).DefaultTimeout());
        Assert.Equal(2, await onA.SubmitAsync(id, 1, TextOperation.Splice(4, 4, 0, "e"), seq: 2).DefaultTimeout());

        foreach (var node in nodes)
        {
            Assert.Equal((2, "abcde"), await GetDocumentAsync(id, node).DefaultTimeout());
            Assert.Equal(2, (await node.Api.GetLogAsync(id).DefaultTimeout()).Count);
        }
    }
}
