using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CollabDocs.Cluster.Tests.Infrastructure;
using Npgsql;

namespace CollabDocs.Cluster.Tests;

public sealed partial class ClusterTests
{
    /// <summary>
    /// docs/cluster.md, "Group commit survives the hop": submits that reach the owner together, from either node, commit
    /// in one transaction. The oracle is PostgreSQL's own: rows inserted by one transaction share its <c>xmin</c>.
    /// </summary>
    [ClusterFact]
    [Trait("Promise", "cluster.group-commit-across-nodes")]
    public async Task SubmitsArrivingTogetherFromBothNodes_CommitInOneTransaction()
    {
        const int SocketsPerNode = 4;
        await using var cluster = await TestCluster.StartAsync(output);
        string documentId = await cluster.CreateDocumentAsync(InitialText);
        var sockets = new List<(string ClientId, RawHubSocket Socket)>();
        try
        {
            foreach (var (node, n) in cluster.Nodes.Select((node, n) => (node, n + 1)))
            {
                for (int i = 0; i < SocketsPerNode; i++)
                {
                    var socket = await RawHubSocket.ConnectAsync(HubUri(node)).DefaultTimeout();
                    sockets.Add(($"node{n}-{i}", socket));
                    await socket.JoinAsync(documentId).DefaultTimeout();
                }
            }

            // Rounds of one submit per socket, all sent at once, until one transaction holds submits of both nodes.
            Dictionary<string, List<string>> transactions = [];
            int round = 0;
            while (!transactions.Values.Any(clients => clients.Any(c => c.StartsWith("node1", StringComparison.Ordinal)) && clients.Any(c => c.StartsWith("node2", StringComparison.Ordinal))))
            {
                Assert.True(++round <= 20, $"no transaction held submits of both nodes in 20 rounds: {Describe(transactions)}");
                var sent = await Task.WhenAll(sockets.Select(s => s.Socket.SendInvocationAsync("Submit", $"\"{documentId}\",0,[\"{s.ClientId[^1]}\",{InitialText.Length}],\"{s.ClientId}\",{round}")));
                var outcomes = await Task.WhenAll(sockets.Select((s, i) => s.Socket.CompletionAsync(sent[i]))).DefaultTimeout(TimeSpan.FromSeconds(60));
                Assert.All(outcomes, o => Assert.True(o.Result is not null, o.ToString()));
                transactions = await TransactionsAsync(cluster, documentId);
            }

            output.WriteLine($"rounds: {round}; operations per transaction: {Describe(transactions)}");
            var log = await cluster.ReadLogAsync(documentId);
            Assert.Equal(Enumerable.Range(1, sockets.Count * round), log.Select(r => r.Revision));
        }
        finally
        {
            foreach (var (_, socket) in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// docs/cluster.md, "A node that dies" and Operations: a call that meets a dead owner fails with <c>unavailable</c>
    /// until membership moves the document, and the resend of the same <c>(clientId, seq)</c> then commits once; each
    /// node's <c>/health/ready</c> reports its silo and the active silos it sees. The owner is frozen (SIGSTOP), so its
    /// sockets stay open and only the cluster's probes can tell it is gone.
    /// </summary>
    [ClusterFact]
    [Trait("Promise", "cluster.unavailable-while-owner-dead")]
    [Trait("Promise", "cluster.ready-reports-silo")]
    public async Task ACallToAFrozenOwner_FailsUnavailable_UntilTheSurvivorOwnsTheDocument_ThenTheSameSeqCommitsOnce()
    {
        await using var cluster = await TestCluster.StartAsync(output);
        string documentId = await cluster.CreateDocumentAsync(InitialText);
        await using (var first = await RawHubSocket.ConnectAsync(HubUri(cluster.Nodes[0])).DefaultTimeout())
        {
            await first.JoinAsync(documentId).DefaultTimeout(); // activates the document's owner
        }

        var owner = await cluster.OwnerAsync();
        var survivor = cluster.Nodes.Single(n => n != owner);
        await using var client = await RawHubSocket.ConnectAsync(HubUri(survivor)).DefaultTimeout();
        string insert = $"\"{documentId}\",0,[\"a\",{InitialText.Length}],\"survivor-client\",";
        Assert.Equal(1, RevisionOf(await client.InvokeAsync("Submit", insert + "1").DefaultTimeout()));
        foreach (var node in cluster.Nodes)
        {
            var (status, silo) = await SiloReadinessAsync(cluster, node);
            Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, silo.GetProperty("status").GetString()));
            Assert.Contains("2 active silos", silo.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        await owner.FreezeAsync();
        var frozen = Stopwatch.StartNew();
        output.WriteLine($"{owner.Name}, the document's owner, frozen (SIGSTOP)");

        var refused = await client.InvokeAsync("Submit", insert + "2").DefaultTimeout(TimeSpan.FromSeconds(60));
        output.WriteLine($"the call to the frozen owner: {refused} after {frozen.Elapsed.TotalSeconds:0.0} s");
        Assert.False(refused.Closed);
        Assert.Equal("unavailable", HubErrorCode.Of(refused.Error!));
        Assert.Equal(1, await cluster.HeadAsync(documentId));

        // Membership moves the document: the survivor's silo sees itself alone, and the resend commits there, once.
        await Wait.UntilAsync(
            async () => (await SiloReadinessAsync(cluster, survivor)).Silo.GetProperty("description").GetString()!.Contains("1 active silos", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "the survivor's silo sees the frozen one declared dead");
        var (readyStatus, survivorSilo) = await SiloReadinessAsync(cluster, survivor);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (readyStatus, survivorSilo.GetProperty("status").GetString()));
        RawOutcome resent = RawOutcome.Unanswered;
        await Wait.UntilAsync(
            async () => (resent = await client.InvokeAsync("Submit", insert + "2").DefaultTimeout(TimeSpan.FromSeconds(60))).Error is not { } error || HubErrorCode.Of(error) != "unavailable",
            TimeSpan.FromSeconds(60),
            "the resend is no longer unavailable");
        output.WriteLine($"committed again {frozen.Elapsed.TotalSeconds:0.0} s after the freeze: {resent}");
        Assert.Equal(2, RevisionOf(resent));
        var log = await cluster.ReadLogAsync(documentId);
        Assert.Equal([(1, "survivor-client", 1), (2, "survivor-client", 2)], log.Select(r => (r.Revision, r.ClientId, r.Seq)));
    }

    private static Uri HubUri(ServerProcess node) => new(node.Url.Replace("http://", "ws://", StringComparison.Ordinal) + "/hubs/docs");

    private static int RevisionOf(RawOutcome outcome)
    {
        Assert.True(outcome.Result is not null, outcome.ToString());
        return outcome.Result.Value.GetProperty("revision").GetInt32();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Silo)> SiloReadinessAsync(TestCluster cluster, ServerProcess node)
    {
        using var response = await cluster.Http.GetAsync(new Uri(node.Url + "/health/ready")).DefaultTimeout();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().DefaultTimeout());
        return (response.StatusCode, body.RootElement.GetProperty("checks").GetProperty("silo").Clone());
    }

    /// <summary>The client ids of the document's operations, grouped by the PostgreSQL transaction that inserted them.</summary>
    private static async Task<Dictionary<string, List<string>>> TransactionsAsync(TestCluster cluster, string documentId)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync().DefaultTimeout();
        await using var command = new NpgsqlCommand("""SELECT xmin::text, "ClientId" FROM "Operations" WHERE "DocumentId" = @id""", connection);
        command.Parameters.AddWithValue("id", documentId);
        var transactions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync().DefaultTimeout();
        while (await reader.ReadAsync())
        {
            string xmin = reader.GetString(0);
            if (!transactions.TryGetValue(xmin, out var clients))
            {
                transactions[xmin] = clients = [];
            }

            clients.Add(reader.GetString(1));
        }

        return transactions;
    }

    private static string Describe(Dictionary<string, List<string>> transactions) =>
        string.Join("; ", transactions.Values.Select(c => string.Join(",", c.Order(StringComparer.Ordinal)))) + string.Create(CultureInfo.InvariantCulture, $" ({transactions.Count} transactions)");
}
