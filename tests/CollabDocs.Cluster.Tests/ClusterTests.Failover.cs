using System.Diagnostics;
using CollabDocs.Cluster.Tests.Clients;
using CollabDocs.Cluster.Tests.Infrastructure;

namespace CollabDocs.Cluster.Tests;

public sealed partial class ClusterTests
{
    [ClusterFact]
    [Trait("Promise", "cluster.owner-failover-exactly-once")]
    public async Task OwnerNodeKilledMidEdit_TheDocumentMovesToTheSurvivor_NothingLostOrDuplicated()
    {
        int seed = Seed();
        await using var cluster = await TestCluster.StartAsync(output);
        string documentId = await cluster.CreateDocumentAsync(InitialText);
        var clients = await ConnectAsync(seed, documentId, ("nginx-a", cluster.NginxUrl), ("nginx-b", cluster.NginxUrl), ("nginx-c", cluster.NginxUrl), ("nginx-d", cluster.NginxUrl));
        var owner = await cluster.OwnerAsync();
        var survivor = cluster.Nodes.Single(n => n != owner);
        var observer = await ClusterEditor.ConnectAsync("observer", survivor.Url, documentId, seed + 50);
        clients.Add(observer);
        try
        {
            var editing = EditAsync(clients, TimeSpan.FromSeconds(12), seed);
            await Task.Delay(TimeSpan.FromSeconds(3));

            await owner.KillAsync();
            var killed = Stopwatch.StartNew();
            output.WriteLine($"{owner.Name}, the document's owner, killed (SIGKILL)");

            // Unavailable from the kill until the new owner's first commit (a commit sent before the kill may
            // still land in the first moments, so the head is read after them).
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            int headAtKill = await cluster.HeadAsync(documentId);
            await Wait.UntilAsync(async () => await cluster.HeadAsync(documentId) > headAtKill, TimeSpan.FromSeconds(30), "the document commits again", pollMilliseconds: 50);
            var unavailable = killed.Elapsed;
            output.WriteLine($"document unavailable for {unavailable.TotalSeconds:0.0} s (SIGKILL of its owner until the first commit of the new owner)");

            await editing.DefaultTimeout(TimeSpan.FromSeconds(90));
            var failedOver = clients.Where(c => c.Reconnects > 0).ToList();
            output.WriteLine($"clients that reconnected through nginx: {string.Join(", ", failedOver.Select(c => $"{c.Name} (acknowledged by finding them committed: {c.AcknowledgedInLog})"))}");
            Assert.DoesNotContain(observer, failedOver);

            await AssertConvergedAsync(cluster, documentId, clients);
            Assert.Equal(1, (await cluster.MetricsAsync(survivor)).GetValueOrDefault("collabdocs_documents_open"));
            Assert.True(unavailable < TimeSpan.FromSeconds(10), $"the survivor served the document again within 10 s (took {unavailable.TotalSeconds:0.0} s)");
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [ClusterFact]
    [Trait("Promise", "cluster.dead-node-presence-left")]
    public async Task NodeKilled_ThePresenceOfItsConnectionsLeavesTheOwner()
    {
        int seed = Seed();
        await using var cluster = await TestCluster.StartAsync(output);
        string documentId = await cluster.CreateDocumentAsync(InitialText);
        var first = await ClusterEditor.ConnectAsync("first", cluster.Nodes[0].Url, documentId, seed);
        var owner = await cluster.OwnerAsync();
        var other = cluster.Nodes.Single(n => n != owner);
        var observer = await ClusterEditor.ConnectAsync("observer", owner.Url, documentId, seed + 1);
        var doomed = await ClusterEditor.ConnectAsync("on-doomed-node", other.Url, documentId, seed + 2);
        try
        {
            doomed.Select(1, 3);
            await Wait.UntilAsync(() => observer.Document.Presence.Any(p => p.SessionId == doomed.SessionId), TimeSpan.FromSeconds(10), "the observer sees the doomed client's selection");

            string? doomedSession = doomed.SessionId;
            await other.KillAsync();
            var killed = Stopwatch.StartNew();
            await Wait.UntilAsync(() => observer.SeenSessions.ContainsKey(doomedSession!) && observer.Document.Presence.All(p => p.SessionId != doomedSession), TimeSpan.FromSeconds(20), "the observer hears that the killed node's connection left");
            output.WriteLine($"presence of the killed node's connection removed after {killed.Elapsed.TotalSeconds:0.0} s");

            await using var late = await ClusterEditor.ConnectAsync("late", owner.Url, documentId, seed + 3);
            Assert.DoesNotContain(late.Document.Presence, p => p.SessionId == doomedSession);
        }
        finally
        {
            await DisposeAllAsync([first, observer, doomed]);
        }
    }

    [ClusterFact]
    [Trait("Promise", "cluster.graceful-stop-loses-nothing")]
    public async Task RollingRestartOfBothNodesUnderLoad_NothingLostOrDoubled()
    {
        int seed = Seed();
        await using var cluster = await TestCluster.StartAsync(output);
        string documentId = await cluster.CreateDocumentAsync(InitialText);
        var clients = await ConnectAsync(seed, documentId,
            ("nginx-a", cluster.NginxUrl), ("nginx-b", cluster.NginxUrl), ("nginx-c", cluster.NginxUrl), ("nginx-d", cluster.NginxUrl));
        try
        {
            using var stop = new CancellationTokenSource();
            var editing = EditUntilAsync(clients, seed, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(2));
            for (int i = 0; i < cluster.Nodes.Count; i++)
            {
                var restart = Stopwatch.StartNew();
                await cluster.RestartNodeAsync(i);
                output.WriteLine($"{cluster.Nodes[i].Name} restarted (SIGTERM, start, ready) in {restart.Elapsed.TotalSeconds:0.0} s");
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            await stop.CancelAsync();
            await editing.DefaultTimeout(TimeSpan.FromSeconds(60));
            await AssertConvergedAsync(cluster, documentId, clients);
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }
}
