using System.Net;
using CollabDocs.Cluster.Tests.Infrastructure;

namespace CollabDocs.Cluster.Tests;

public sealed partial class ClusterTests
{
    /// <summary>docs/cluster.md: nginx (deploy/nginx.conf as shipped) "hides /metrics and /health/" from the outside.</summary>
    [ClusterFact]
    [Trait("Promise", "cluster.nginx-hides-metrics-and-health")]
    public async Task ThroughNginx_MetricsAndHealthAreHidden_WhileEachNodeServesThem_AndTheApiPassesThrough()
    {
        await using var cluster = await TestCluster.StartAsync(output);
        string id = await cluster.CreateDocumentAsync("through the proxy");

        foreach (string path in new[] { "/metrics", "/health/ready", "/health/live" })
        {
            using var hidden = await cluster.Http.GetAsync(new Uri(cluster.NginxUrl + path)).DefaultTimeout();
            Assert.True(hidden.StatusCode == HttpStatusCode.NotFound, $"nginx answered {(int)hidden.StatusCode} for {path}");
        }

        foreach (var node in cluster.Nodes)
        {
            using var metrics = await cluster.Http.GetAsync(new Uri(node.Url + "/metrics")).DefaultTimeout();
            using var ready = await cluster.Http.GetAsync(new Uri(node.Url + "/health/ready")).DefaultTimeout();
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            Assert.Contains("collabdocs_", await metrics.Content.ReadAsStringAsync().DefaultTimeout(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        using var document = await cluster.Http.GetAsync(new Uri($"{cluster.NginxUrl}/api/documents/{id}")).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("through the proxy", await document.Content.ReadAsStringAsync().DefaultTimeout(), StringComparison.Ordinal);
    }
}
