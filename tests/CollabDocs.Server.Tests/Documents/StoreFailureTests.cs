using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>
/// docs/protocol.md, `unavailable`: "the store could not commit (the operation was not applied) … retry the
/// same (clientId, seq) later: it is safe"; docs/architecture.md: a commit that lost the race is prepared again
/// "at most `CommitRetries` times" (set to 3 here), then the submit fails with unavailable; "/health/ready … store
/// (Unhealthy → 503)".
/// </summary>
public sealed class StoreFailureTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int CommitRetries = 3;
    private RecordingDocumentStore _store = null!;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Documents:CommitRetries"] = CommitRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureServices(IServiceCollection services) => _store = RecordingDocumentStore.Install(services);

    [Fact]
    [Trait("Promise", "protocol.error-unavailable")]
    public async Task Submit_WhenTheStoreFailsToCommit_FailsWithUnavailable_ChangesNothing_AndTheSameSeqCommitsLater()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        var reader = await ConnectAsync().DefaultTimeout();
        await writer.JoinAsync(id).DefaultTimeout();
        await reader.JoinAsync(id).DefaultTimeout();
        var operation = TextOperation.Splice(3, 3, 0, "!");

        _store.CommitFailure = new IOException("disk I/O error (injected)");
        await HubErrors.AssertCodeAsync("unavailable", () => writer.SubmitAsync(id, 0, operation, seq: 1)).DefaultTimeout();
        Assert.Equal(1, _store.CommitAttempts);
        Assert.Equal((0, "abc"), await GetDocumentAsync(id).DefaultTimeout());

        // The connection stays usable, and the resend of the same seq is committed once, as revision 1.
        _store.CommitFailure = null;
        Assert.Equal(1, await writer.SubmitAsync(id, 0, operation, seq: 1).DefaultTimeout());
        Assert.Equal((1, "abc!"), await GetDocumentAsync(id).DefaultTimeout());
        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal([(1, writer.ClientId, 1)], log.Select(o => (o.Revision, o.ClientId, o.Seq)));

        // The failed attempt was never broadcast: the reader's first operation is the committed one.
        var first = await reader.Operations.ReadAsync().DefaultTimeout();
        Assert.Equal((1, 1), (first.Revision, first.Seq));
    }

    [Fact]
    [Trait("Promise", "protocol.error-unavailable")]
    public async Task HttpSubmit_WhenTheStoreFailsToCommit_Is503Unavailable_ChangesNothing_AndTheSameSeqCommitsLater()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var body = new { baseRevision = 0, operation = new object[] { 3, "!" }, clientId = "importer", seq = 1 };

        _store.CommitFailure = new IOException("disk I/O error (injected)");
        using (var refused = await Api.Http.PostAsJsonAsync($"/api/documents/{id}/operations", body).DefaultTimeout())
        {
            await DocumentsApi.AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "unavailable").DefaultTimeout();
        }

        Assert.Equal((0, "abc"), await GetDocumentAsync(id).DefaultTimeout());
        _store.CommitFailure = null;
        using var accepted = await Api.Http.PostAsJsonAsync($"/api/documents/{id}/operations", body).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(1, (await accepted.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout()).GetProperty("revision").GetInt32());
        Assert.Equal((1, "abc!"), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "protocol.error-unavailable")]
    public async Task Submit_AfterLosingTheCommitRace_CommitRetriesTimes_FailsWithUnavailable_AndTheSameSeqCommitsLater()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        var operation = TextOperation.Splice(3, 0, 0, "x");

        _store.LoseEveryCommitRace = true;
        string message = await HubErrors.AssertCodeAsync("unavailable", () => writer.SubmitAsync(id, 0, operation, seq: 1)).DefaultTimeout();
        Assert.Contains($"after {CommitRetries} retries", message, StringComparison.Ordinal);
        Assert.Equal(CommitRetries + 1, _store.CommitAttempts); // the first attempt and CommitRetries retries
        Assert.Equal((0, "abc"), await GetDocumentAsync(id).DefaultTimeout());

        _store.LoseEveryCommitRace = false;
        Assert.Equal(1, await writer.SubmitAsync(id, 0, operation, seq: 1).DefaultTimeout());
        Assert.Equal((1, "xabc"), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "cluster.ready-503-without-store")]
    [Trait("Promise", "cluster.live-without-checks")]
    public async Task HealthReady_Is503_WhileTheStoreIsUnreachable_And200_WhenItIsBack()
    {
        using var http = Server.CreateClient();
        using (var before = await http.GetAsync(new Uri("/health/ready", UriKind.Relative)).DefaultTimeout())
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        _store.Outage = new IOException("database unreachable (injected)");
        using (var lost = await http.GetAsync(new Uri("/health/ready", UriKind.Relative)).DefaultTimeout())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.StatusCode);
            var body = JsonDocument.Parse(await lost.Content.ReadAsStringAsync().DefaultTimeout()).RootElement;
            Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
        }

        using (var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative)).DefaultTimeout())
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode); // the process still answers: no restart wanted
        }

        _store.Outage = null;
        using var back = await http.GetAsync(new Uri("/health/ready", UriKind.Relative)).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }
}
