using System.Net;
using System.Net.Http.Json;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Tests.Observability;

/// <summary>
/// docs/cluster.md, Operations: the commit-conflicts counter, the labels of the hub-error and submit-latency metrics,
/// and the <c>DocumentId</c> field of log messages about a document. Two servers on one SQLite file are two writers
/// of one store, which is how a commit loses the race (in a cluster: two activations during a membership change).
/// </summary>
public sealed class MetricsAndLogFieldsTests : IAsyncDisposable
{
    private readonly TestDataDirectory _data = new();
    private readonly List<TestHost> _hosts = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync().DefaultTimeout();
        }

        _data.Dispose();
    }

    [Fact]
    [Trait("Promise", "cluster.commit-conflicts-counted")]
    [Trait("Promise", "cluster.logs-carry-document-id")]
    public async Task ACommitThatLosesTheRaceToAnotherWriter_IsRetried_CountedOnce_AndLoggedWithItsDocumentId()
    {
        var node = Start();
        var other = Start();
        using var measurements = new HostMeasurements(node);
        using var otherMeasurements = new HostMeasurements(other);
        string id = (await node.Api.CreateAsync(text: "abc").DefaultTimeout()).Id;
        await using var writer = await node.ConnectAsync(new TestHubOptions()).DefaultTimeout();
        await writer.JoinAsync(id).DefaultTimeout(); // this node now holds the document at revision 0

        // The other writer commits revision 1 behind this node's back.
        using var otherHttp = other.CreateClient();
        using var behind = await otherHttp.PostAsJsonAsync($"/api/documents/{id}/operations", new { baseRevision = 0, operation = new object[] { 3, "!" }, clientId = "other", seq = 1 }).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, behind.StatusCode);

        int revision = await writer.SubmitAsync(id, 0, TextOperation.Splice(3, 0, 0, ">"), seq: 1).DefaultTimeout();

        Assert.Equal(2, revision);
        Assert.Equal(">abc!", (await node.Api.GetAsync(id).DefaultTimeout()).Text);
        Assert.Equal(1, measurements.Sum("collabdocs.commit.conflicts"));
        Assert.Equal(0, otherMeasurements.Sum("collabdocs.commit.conflicts"));
        Assert.Equal(1, measurements.Sum("collabdocs.operations.committed"));
        Assert.Matches("(?m)^collabdocs_commit_conflicts_total(\\{[^}]*\\})? [1-9]", await ScrapeAsync(node).DefaultTimeout());

        // Every CollabDocs message that names the document carries it as the structured DocumentId field.
        var aboutTheDocument = node.Logs.Entries.Where(e => e.Category.StartsWith("CollabDocs", StringComparison.Ordinal) && MessageOf(e).Contains(id, StringComparison.Ordinal)).ToList();
        Assert.Contains(aboutTheDocument, e => e.EventId.Name == "CommitConflict");
        Assert.Contains(aboutTheDocument, e => e.EventId.Name == "DocumentLoaded");
        Assert.All(aboutTheDocument, e => Assert.Contains($" DocumentId={id} ", " " + FieldsOf(e) + " ", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Promise", "cluster.metric-labels")]
    public async Task HubErrors_AreCountedByMethodAndCode_AndSubmitLatencyByOutcome()
    {
        var node = Start();
        using var measurements = new HostMeasurements(node);
        string id = (await node.Api.CreateAsync(text: "abc").DefaultTimeout()).Id;
        await using var client = await node.ConnectAsync(new TestHubOptions()).DefaultTimeout();

        Assert.Equal("document_not_found", await TestHubClient.ErrorCodeAsync(client.JoinAsync("missing-document")).DefaultTimeout());
        await client.JoinAsync(id).DefaultTimeout();
        Assert.Equal(1, await client.SubmitAsync(id, 0, TextOperation.Splice(3, 3, 0, "1"), seq: 1).DefaultTimeout());
        Assert.Equal(2, await client.SubmitAsync(id, 1, TextOperation.Splice(4, 4, 0, "2"), seq: 2).DefaultTimeout());
        Assert.Equal("revision_in_future", await TestHubClient.ErrorCodeAsync(client.SubmitAsync(id, 7, TextOperation.Splice(5, 0, 0, "x"), seq: 3)).DefaultTimeout());
        Assert.Equal("operation_mismatch", await TestHubClient.ErrorCodeAsync(client.SubmitAsync(id, 2, TextOperation.Splice(9, 0, 0, "x"), seq: 3)).DefaultTimeout());

        Assert.Equal(1, measurements.Sum("collabdocs.hub.errors", ("method", "Join"), ("code", "document_not_found")));
        Assert.Equal(1, measurements.Sum("collabdocs.hub.errors", ("method", "Submit"), ("code", "revision_in_future")));
        Assert.Equal(1, measurements.Sum("collabdocs.hub.errors", ("method", "Submit"), ("code", "operation_mismatch")));
        Assert.Equal(3, measurements.Sum("collabdocs.hub.errors"));
        Assert.Equal(2, measurements.Count("collabdocs.submit.duration", ("outcome", "ok")));
        Assert.Equal(2, measurements.Count("collabdocs.submit.duration", ("outcome", "error")));

        // The same labels on the Prometheus scrape.
        string scrape = await ScrapeAsync(node).DefaultTimeout();
        Assert.Matches("(?m)^collabdocs_hub_errors_total\\{(?=[^}]*method=\"Join\")(?=[^}]*code=\"document_not_found\")[^}]*\\} ", scrape);
        Assert.Matches("(?m)^collabdocs_submit_duration_seconds_count\\{[^}]*outcome=\"error\"[^}]*\\} ", scrape);
        Assert.Matches("(?m)^collabdocs_submit_duration_seconds_count\\{[^}]*outcome=\"ok\"[^}]*\\} ", scrape);
    }

    private TestHost Start()
    {
        var host = new TestHost(new TestHostOptions
        {
            DataDirectory = _data.Path,
            RecordedLogLevel = LogLevel.Debug,
            Settings = new Dictionary<string, string?> { ["Logging:LogLevel:CollabDocs"] = "Debug" },
        });
        _hosts.Add(host);
        _ = host.Server;
        return host;
    }

    private static async Task<string> ScrapeAsync(TestHost host)
    {
        using var http = host.CreateClient();
        return await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)).DefaultTimeout();
    }

    /// <summary>The recorder writes "message | Key=Value … | exception".</summary>
    private static string MessageOf(RecordingLoggerProvider.LogEntry entry) => entry.Text.Split(" | ")[0];

    private static string FieldsOf(RecordingLoggerProvider.LogEntry entry) => entry.Text.Split(" | ")[1];
}
