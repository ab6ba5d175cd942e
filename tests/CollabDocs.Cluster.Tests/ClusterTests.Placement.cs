using CollabDocs.Cluster.Tests.Infrastructure;

namespace CollabDocs.Cluster.Tests;

public sealed partial class ClusterTests
{
    [ClusterFact]
    [Trait("Promise", "cluster.owners-spread-over-nodes")]
    [Trait("Promise", "cluster.documents-open-gauge")]
    public async Task ThreeNodesManyDocuments_EachDocumentHasOneOwner_AndOwnersSpreadOverTheNodes()
    {
        const int Documents = 30;
        await using var cluster = await TestCluster.StartAsync(output, nodes: 3);
        var ids = new List<string>();
        for (int i = 0; i < Documents; i++)
        {
            ids.Add(await cluster.CreateDocumentAsync($"document {i}"));
        }

        // Read every document through a different node each time: the read activates its owner.
        for (int i = 0; i < ids.Count; i++)
        {
            var node = cluster.Nodes[i % cluster.Nodes.Count];
            using var response = await cluster.Http.GetAsync(new Uri($"{node.Url}/api/documents/{ids[i]}")).DefaultTimeout();
            Assert.True(response.IsSuccessStatusCode, $"reading {ids[i]} through {node.Name} answered {(int)response.StatusCode}");
        }

        var open = await Task.WhenAll(cluster.Nodes.Select(async n => (n.Name, Open: (await cluster.MetricsAsync(n)).GetValueOrDefault("collabdocs_documents_open"))));
        output.WriteLine($"documents owned per node: {string.Join(", ", open.Select(o => $"{o.Name}={o.Open}"))}");
        Assert.Equal(Documents, open.Sum(o => o.Open));
        Assert.All(open, o => Assert.True(o.Open >= 1, $"{o.Name} owns at least one of {Documents} documents"));
    }
}
