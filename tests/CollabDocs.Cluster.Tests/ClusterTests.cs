using CollabDocs.Cluster.Tests.Clients;
using CollabDocs.Cluster.Tests.Infrastructure;
using CollabDocs.Ot;

namespace CollabDocs.Cluster.Tests;

/// <summary>
/// Two real server nodes on PostgreSQL and Redis behind nginx (round robin, WebSockets), clients on both
/// nodes, directly and through nginx. Every scenario ends with the same check (<see cref="AssertConvergedAsync"/>):
/// all clients have the same text, which is PostgreSQL's log replayed; the log's revisions are gap-free; every
/// operation a client sent is in it exactly once, at the revision the client was told.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed partial class ClusterTests(ITestOutputHelper output)
{
    private const string InitialText = "The quick brown fox jumps over the lazy dog.";

    [ClusterFact]
    public async Task ClientsOnBothNodes_EditOneDocumentConcurrently_AndConverge()
    {
        int seed = Seed();
        await using var cluster = await TestCluster.StartAsync(output);
        string documentId = await cluster.CreateDocumentAsync(InitialText);
        var clients = await ConnectAsync(seed, documentId,
            ("node1-a", cluster.Nodes[0].Url), ("node1-b", cluster.Nodes[0].Url),
            ("node2-a", cluster.Nodes[1].Url), ("node2-b", cluster.Nodes[1].Url),
            ("nginx-a", cluster.NginxUrl), ("nginx-b", cluster.NginxUrl));
        try
        {
            await EditAsync(clients, TimeSpan.FromSeconds(8), seed);

            var log = await AssertConvergedAsync(cluster, documentId, clients);

            // The metrics agree with the log: every operation was committed by exactly one node, and the
            // commits that lost the race to the other node were retried (and counted).
            var metrics = await Task.WhenAll(cluster.Nodes.Select(n => cluster.MetricsAsync(n)));
            double committed = metrics.Sum(m => m.GetValueOrDefault("collabdocs_operations_committed_total"));
            double conflicts = metrics.Sum(m => m.GetValueOrDefault("collabdocs_commit_conflicts_total"));
            var failed = await Task.WhenAll(cluster.Nodes.Select(n => cluster.MetricsAsync(n, "outcome=\"error\"")));
            output.WriteLine($"commits per node: {string.Join(", ", metrics.Select(m => m.GetValueOrDefault("collabdocs_operations_committed_total")))}; " +
                $"commit conflicts retried: {conflicts}; submits answered with an error (the client resent them): {failed.Sum(m => m.GetValueOrDefault("collabdocs_submit_duration_seconds_count"))}");
            Assert.Equal(log.Count, committed);
            Assert.All(metrics, m => Assert.True(m.GetValueOrDefault("collabdocs_operations_committed_total") > 0, "both nodes committed"));
            Assert.All(metrics, m => Assert.True(m.ContainsKey("collabdocs_submit_duration_seconds_count"), "submit latency histogram exported"));
            Assert.All(metrics, m => Assert.Equal(1, m.GetValueOrDefault("collabdocs_documents_open")));
            Assert.All(metrics, m => Assert.True(m.GetValueOrDefault("signalr_server_active_connections") >= 2, "connections gauge"));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [ClusterFact]
    public async Task RedisRestartedMidEdit_NothingAckedIsLost_ClientsConverge_AndReadinessIsDegradedMeanwhile()
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
    public async Task NodeKilledMidEdit_ItsClientsFailOverThroughNginx_AndNothingIsLostOrDuplicated()
    {
        int seed = Seed();
        await using var cluster = await TestCluster.StartAsync(output);
        string documentId = await cluster.CreateDocumentAsync(InitialText);
        var clients = await ConnectAsync(seed, documentId,
            ("nginx-a", cluster.NginxUrl), ("nginx-b", cluster.NginxUrl), ("nginx-c", cluster.NginxUrl), ("nginx-d", cluster.NginxUrl),
            ("node2", cluster.Nodes[1].Url));
        var observer = clients[^1];
        try
        {
            var sessionsBefore = clients.ToDictionary(c => c, c => c.SessionId);
            var editing = EditAsync(clients, TimeSpan.FromSeconds(10), seed);
            await Task.Delay(TimeSpan.FromSeconds(3));

            await cluster.Nodes[0].KillAsync();
            output.WriteLine("node1 killed (SIGKILL)");

            await editing.DefaultTimeout(TimeSpan.FromSeconds(90));
            var failedOver = clients.Where(c => c.Reconnects > 0).ToList();
            output.WriteLine($"clients that reconnected through nginx: {string.Join(", ", failedOver.Select(c => $"{c.Name} (acknowledged by finding them committed: {c.AcknowledgedInLog})"))}");
            Assert.NotEmpty(failedOver);
            Assert.DoesNotContain(observer, failedOver);

            await AssertConvergedAsync(cluster, documentId, clients);

            // The surviving node notices that node1 stopped renewing its heartbeat and tells its clients that
            // the connections node1 held are gone.
            foreach (var client in failedOver)
            {
                string? gone = sessionsBefore[client];
                await Wait.UntilAsync(() => observer.SeenSessions.ContainsKey(gone!) && observer.Document.Presence.All(p => p.SessionId != gone), TimeSpan.FromSeconds(20), $"the observer hears that {client.Name}'s old connection left");
            }
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [ClusterFact]
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
