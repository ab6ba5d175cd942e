using CollabDocs.Cluster.Tests.Clients;
using CollabDocs.Cluster.Tests.Infrastructure;
using CollabDocs.Ot;

namespace CollabDocs.Cluster.Tests;

public sealed partial class ClusterTests
{
    /// <summary>A seed for the clients' random edits: <c>COLLABDOCS_TEST_SEED</c>, else a new one; printed either way.</summary>
    private int Seed()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("COLLABDOCS_TEST_SEED"), out int fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set COLLABDOCS_TEST_SEED to repeat)");
        return seed;
    }

    private static async Task<List<ClusterEditor>> ConnectAsync(int seed, string documentId, params (string Name, string Url)[] endpoints)
    {
        var clients = new List<ClusterEditor>();
        for (int i = 0; i < endpoints.Length; i++)
        {
            clients.Add(await ClusterEditor.ConnectAsync(endpoints[i].Name, endpoints[i].Url, documentId, seed + i));
        }

        return clients;
    }

    /// <summary>Every client edits at its own random pace (30–90 ms between edits) for <paramref name="duration"/>.</summary>
    private static Task EditAsync(List<ClusterEditor> clients, TimeSpan duration, int seed)
    {
        var until = DateTime.UtcNow + duration;
        return Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var random = new Random(seed ^ (i * 7919));
            while (DateTime.UtcNow < until)
            {
                client.Edit();
                await Task.Delay(random.Next(30, 90));
            }
        })));
    }

    /// <summary>Every client edits at its own random pace (30–90 ms between edits) until <paramref name="stop"/> is cancelled.</summary>
    private static Task EditUntilAsync(List<ClusterEditor> clients, int seed, CancellationToken stop) =>
        Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var random = new Random(seed ^ (i * 7919));
            while (!stop.IsCancellationRequested)
            {
                client.Edit();
                await Task.Delay(random.Next(30, 90));
            }
        })));

    /// <summary>Commit conflicts and calls answered <c>unavailable</c>, summed over the running nodes.</summary>
    private static async Task<(double Conflicts, double Unavailable)> ClusterCountersAsync(TestCluster cluster)
    {
        var running = cluster.Nodes.Where(n => !n.HasExited).ToList();
        var all = await Task.WhenAll(running.Select(n => cluster.MetricsAsync(n)));
        var unavailable = await Task.WhenAll(running.Select(n => cluster.MetricsAsync(n, "code=\"unavailable\"")));
        return (all.Sum(m => m.GetValueOrDefault("collabdocs_commit_conflicts_total")), unavailable.Sum(m => m.GetValueOrDefault("collabdocs_hub_errors_total")));
    }

    /// <summary>
    /// Synchronizes every client, then checks: no protocol error; PostgreSQL's revisions are 1…N without gaps;
    /// each (client, seq) is there once; every operation each client sent was acknowledged, at the revision
    /// PostgreSQL has it; the log replayed on the initial text is every client's text.
    /// </summary>
    private async Task<List<StoredRow>> AssertConvergedAsync(TestCluster cluster, string documentId, List<ClusterEditor> clients)
    {
        await Task.WhenAll(clients.Select(c => c.SyncAsync(TimeSpan.FromSeconds(60))));
        foreach (var client in clients)
        {
            Assert.True(client.Errors.IsEmpty, string.Join('\n', client.Errors));
        }

        var log = await cluster.ReadLogAsync(documentId);
        Assert.Equal(Enumerable.Range(1, log.Count), log.Select(r => r.Revision));
        var revisions = log.ToDictionary(r => (r.ClientId, r.Seq), r => r.Revision);
        Assert.Equal(log.Count, revisions.Count);
        foreach (var client in clients)
        {
            Assert.Equal(Enumerable.Range(1, client.Sent), client.Acks.Keys.Order());
            foreach (var (seq, revision) in client.Acks)
            {
                Assert.True(revisions.TryGetValue((client.ClientId, seq), out int stored), $"{client.Name} seq {seq} was acknowledged as revision {revision} but is not in PostgreSQL");
                Assert.Equal(revision, stored);
            }
        }

        Assert.Equal(log.Count, clients.Sum(c => c.Acks.Count));
        string text = InitialText;
        foreach (var row in log)
        {
            text = TextOperation.Parse(row.Operation).Apply(text);
        }

        foreach (var client in clients)
        {
            Assert.Equal(log.Count, client.Document.Revision);
            Assert.Equal(text, client.Document.Text);
        }

        output.WriteLine($"converged: {clients.Count} clients, {log.Count} operations, {text.Length} characters; sent per client: {string.Join(", ", clients.Select(c => $"{c.Name}={c.Sent}"))}");
        return log;
    }

    private static async Task DisposeAllAsync(IEnumerable<ClusterEditor> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
