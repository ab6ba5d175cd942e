using CollabDocs.Cluster.Tests.Clients;
using CollabDocs.Cluster.Tests.Infrastructure;
using CollabDocs.Ot;

namespace CollabDocs.Cluster.Tests;

/// <summary>
/// Real server nodes (each co-hosting an Orleans silo) on PostgreSQL and Redis behind nginx (round robin,
/// WebSockets), clients on every node, directly and through nginx. Every scenario ends with the same check
/// (<see cref="AssertConvergedAsync"/>): all clients have the same text, which is PostgreSQL's log replayed; the
/// log's revisions are gap-free; every operation a client sent is in it exactly once, at the revision the client was told.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed partial class ClusterTests(ITestOutputHelper output)
{
    private const string InitialText = "The quick brown fox jumps over the lazy dog.";

    [ClusterFact]
    [Trait("Promise", "cluster.every-call-goes-to-the-owner")]
    [Trait("Promise", "cluster.no-commit-conflicts-in-steady-state")]
    [Trait("Promise", "cluster.committed-counter-per-owner")]
    [Trait("Promise", "protocol.revisions-gap-free")]
    [Trait("Promise", "cluster.documents-open-gauge")]
    [Trait("Promise", "cluster.submit-latency-exported")]
    public async Task TenWritersSplitAcrossTwoNodes_Converge_ThroughOneOwner_WithoutConflictsOrUnavailable()
    {
        int seed = Seed();
        await using var cluster = await TestCluster.StartAsync(output);
        string documentId = await cluster.CreateDocumentAsync(InitialText);
        var clients = await ConnectAsync(seed, documentId,
            ("node1-a", cluster.Nodes[0].Url), ("node1-b", cluster.Nodes[0].Url), ("node1-c", cluster.Nodes[0].Url), ("node1-d", cluster.Nodes[0].Url),
            ("node2-a", cluster.Nodes[1].Url), ("node2-b", cluster.Nodes[1].Url), ("node2-c", cluster.Nodes[1].Url), ("node2-d", cluster.Nodes[1].Url),
            ("nginx-a", cluster.NginxUrl), ("nginx-b", cluster.NginxUrl));
        try
        {
            // Warm-up: the joins activated the document's grain on one silo.
            await EditAsync(clients, TimeSpan.FromSeconds(1), seed);
            var before = await ClusterCountersAsync(cluster);

            await EditAsync(clients, TimeSpan.FromSeconds(8), seed + 1);
            var log = await AssertConvergedAsync(cluster, documentId, clients);

            var after = await ClusterCountersAsync(cluster);
            var owner = await cluster.OwnerAsync();
            var metrics = await Task.WhenAll(cluster.Nodes.Select(n => cluster.MetricsAsync(n)));
            output.WriteLine($"owner: {owner.Name}; commits per node: {string.Join(", ", metrics.Select(m => m.GetValueOrDefault("collabdocs_operations_committed_total")))}; " +
                $"after warm-up: commit conflicts {after.Conflicts - before.Conflicts}, calls answered unavailable {after.Unavailable - before.Unavailable}");
            Assert.Equal(0, after.Conflicts - before.Conflicts);
            Assert.Equal(0, after.Unavailable - before.Unavailable);

            // One owner committed everything; the other node only forwarded its clients' calls.
            Assert.Equal(log.Count, metrics.Sum(m => m.GetValueOrDefault("collabdocs_operations_committed_total")));
            Assert.Equal(log.Count, (await cluster.MetricsAsync(owner)).GetValueOrDefault("collabdocs_operations_committed_total"));
            Assert.Equal(1, metrics.Sum(m => m.GetValueOrDefault("collabdocs_documents_open")));
            Assert.True((await cluster.MetricsAsync(owner)).ContainsKey("collabdocs_submit_duration_seconds_count"), "submit latency exported by the owner");
            Assert.All(metrics, m => Assert.True(m.GetValueOrDefault("signalr_server_active_connections") >= 4, "connections gauge"));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [ClusterFact]
    [Trait("Promise", "cluster.redis-outage-loses-nothing")]
    [Trait("Promise", "cluster.ready-degraded-while-redis-down")]
    [Trait("Promise", "cluster.backplane-errors-counted")]
    public async Task RedisRestartedMidEdit_NothingAckedIsLostOrDoubled_ClientsConverge_AndReadinessIsDegradedMeanwhile()
    {
        int seed = Seed();
        await using var cluster = await TestCluster.StartAsync(output);
        string documentId = await cluster.CreateDocumentAsync(InitialText);
        var clients = await ConnectAsync(seed, documentId,
            ("node1", cluster.Nodes[0].Url), ("node2", cluster.Nodes[1].Url),
            ("nginx-a", cluster.NginxUrl), ("nginx-b", cluster.NginxUrl));
        try
        {
            var editing = EditAsync(clients, TimeSpan.FromSeconds(12), seed);
            await Task.Delay(TimeSpan.FromSeconds(2));

            await RedisServer.StopAsync();
            try
            {
                foreach (var node in cluster.Nodes)
                {
                    await Wait.UntilAsync(async () => await cluster.ReadinessAsync(node) == "Degraded", TimeSpan.FromSeconds(15), $"{node.Name} reports Degraded");
                }

                output.WriteLine("both nodes report Degraded while Redis is down");
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
            finally
            {
                await RedisServer.StartAsync();
            }

            foreach (var node in cluster.Nodes)
            {
                await Wait.UntilAsync(async () => await cluster.ReadinessAsync(node) == "Healthy", TimeSpan.FromSeconds(30), $"{node.Name} reports Healthy again");
            }

            await editing.DefaultTimeout(TimeSpan.FromSeconds(60));
            await AssertConvergedAsync(cluster, documentId, clients);
            var metrics = await Task.WhenAll(cluster.Nodes.Select(n => cluster.MetricsAsync(n)));
            Assert.All(metrics, m => Assert.True(m.GetValueOrDefault("collabdocs_backplane_errors_total") > 0, "backplane errors counted"));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [ClusterFact]
    [Trait("Promise", "cluster.every-call-goes-to-the-owner")]
    public async Task CursorOnNodeA_ReachesClientsOnNodeB_AndJoinsOnNodeBListIt()
    {
        int seed = Seed();
        await using var cluster = await TestCluster.StartAsync(output);
        string documentId = await cluster.CreateDocumentAsync(InitialText);
        var clients = await ConnectAsync(seed, documentId, ("on-node1", cluster.Nodes[0].Url), ("on-node2", cluster.Nodes[1].Url));
        var (a, b) = (clients[0], clients[1]);
        try
        {
            a.Select(4, 9);

            await Wait.UntilAsync(
                () => b.Document.Presence.Any(p => p.SessionId == a.SessionId && Equals(p.Selection, new Selection(new SelectionRange(4, 9)))),
                TimeSpan.FromSeconds(10),
                "the client on node2 sees the selection made on node1");

            await using var late = await ClusterEditor.ConnectAsync("late-on-node2", cluster.Nodes[1].Url, documentId, seed + 99);
            var joinPresence = late.Document.Presence;
            var listed = Assert.Single(joinPresence, p => p.SessionId == a.SessionId);
            Assert.Equal(new Selection(new SelectionRange(4, 9)), listed.Selection);
            Assert.Contains(joinPresence, p => p.SessionId == b.SessionId);
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }
}
