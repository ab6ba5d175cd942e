using System.Collections.Concurrent;
using CollabDocs.Client;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>Many clients submitting at once end with one history and one text, everywhere.</summary>
public sealed class ConvergenceTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int Clients = 8;
    private const int OperationsPerClient = 50;

    [Fact]
    public async Task ConcurrentSubmits_OnRandomStaleBaseRevisions_Converge()
    {
        int seed = RandomEdits.Seed(20261126);
        Output.WriteLine($"seed {seed}");
        const string start = "Shared text that eight clients edit at once.\n";
        string id = await CreateDocumentAsync(start).DefaultTimeout();
        var clients = new TestHubClient[Clients];
        var replicas = new LogReplica[Clients];
        for (int i = 0; i < Clients; i++)
        {
            clients[i] = await ConnectAsync().DefaultTimeout();
            await clients[i].JoinAsync(id).DefaultTimeout();
            replicas[i] = new LogReplica(start);
        }

        var acks = new ConcurrentBag<int>();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Task.Run(async () =>
        {
            var random = new Random(seed + i);
            var (client, replica) = (clients[i], replicas[i]);
            for (int seq = 1; seq <= OperationsPerClient; seq++)
            {
                // Edit a random recent revision the client knows, as a client lagging behind would.
                replica.Drain(client);
                int baseRevision = random.Next(Math.Max(0, replica.Revision - 8), replica.Revision + 1);
                var operation = RandomEdits.Next(random, replica.TextAt(baseRevision));
                int revision = await client.SubmitAsync(id, baseRevision, operation, seq).DefaultTimeout();
                acks.Add(revision);
                replica.AddOwn(revision, baseRevision, operation);
            }
        }))).DefaultTimeout();

        const int total = Clients * OperationsPerClient;
        Assert.Equal(Enumerable.Range(1, total), acks.Order());

        var (revision, text) = await GetDocumentAsync(id).DefaultTimeout();
        Assert.Equal(total, revision);
        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal(Enumerable.Range(1, total), log.Select(o => o.Revision));
        foreach (var client in clients)
        {
            Assert.Equal(Enumerable.Range(1, OperationsPerClient), log.Where(o => o.ClientId == client.ClientId).Select(o => o.Seq));
        }

        for (int i = 0; i < Clients; i++)
        {
            await replicas[i].CatchUpAsync(clients[i], total).DefaultTimeout();
            Assert.Equal(text, replicas[i].Text);
            Assert.Equal(log.Select(o => o.Operation), replicas[i].Operations);
        }
    }

    [Fact]
    public async Task ConcurrentOtJsClients_WithRandomLag_Converge()
    {
        int seed = RandomEdits.Seed(7);
        Output.WriteLine($"seed {seed}");
        string id = await CreateDocumentAsync("Typing together.\n").DefaultTimeout();
        await using var editors = new TestDocumentClients();
        var documents = new CollabDocument[Clients];
        for (int i = 0; i < Clients; i++)
        {
            documents[i] = await editors.OpenAsync(Server, id).DefaultTimeout();
        }

        await Task.WhenAll(documents.Select((document, i) => Task.Run(async () =>
        {
            var random = new Random(seed + i);
            for (int edit = 0; edit < OperationsPerClient; edit++)
            {
                document.Edit(text => RandomEdits.Next(random, text));

                // Lag at random: sometimes wait for the acknowledgements, sometimes pause, sometimes type on.
                switch (random.Next(4))
                {
                    case 1 when document.State != SyncState.Synchronized:
                        await document.WhenSynchronizedAsync().DefaultTimeout();
                        break;
                    case 2:
                        await Task.Delay(random.Next(3)).DefaultTimeout();
                        break;
                }
            }

            await document.WhenSynchronizedAsync().DefaultTimeout();
        }))).DefaultTimeout();

        var (revision, text) = await GetDocumentAsync(id).DefaultTimeout();
        Assert.Equal(documents.Sum(d => d.LastSeq), revision);
        Assert.Equal(Enumerable.Range(1, revision), (await Api.GetLogAsync(id).DefaultTimeout()).Select(o => o.Revision));
        foreach (var document in documents)
        {
            await document.CatchUpAsync().DefaultTimeout();
            Assert.Equal(revision, document.Revision);
            Assert.Equal(text, document.Text);
        }
    }
}
