using System.Net;
using System.Text.Json;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary><c>GET /api/documents/{id}/text?revision=N</c>: any past text, rebuilt from the nearest snapshot and the log.</summary>
public sealed class TimeTravelTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int SnapshotInterval = 5;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Storage:SnapshotInterval"] = SnapshotInterval.ToString(System.Globalization.CultureInfo.InvariantCulture),

        // Every snapshot kept, so that the reads below start from many of them (pruning: the store specification).
        ["CollabDocs:Storage:SnapshotsKept"] = "100",
    };

    [Fact]
    public async Task TextAtRevision_IsRightAtEveryRevision_AcrossSnapshots_AndAfterRestart()
    {
        var (id, texts) = await WriteHistoryAsync(revisions: 37, batches: false).DefaultTimeout();

        // More than a few snapshots were taken (after the commits, in the background), so the reads below start from several of them.
        long snapshots = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && snapshots < 37 / SnapshotInterval; await Task.Delay(20))
        {
            using var database = Data.OpenDatabase();
            using var command = database.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Snapshots WHERE DocumentId = $id";
            command.Parameters.AddWithValue("$id", id);
            snapshots = (long)command.ExecuteScalar()!;
        }

        Assert.True(snapshots >= 37 / SnapshotInterval, $"expected a snapshot every few revisions, found {snapshots}");

        await AssertEveryRevisionAsync(id, texts).DefaultTimeout();
        await RestartAsync().DefaultTimeout();
        await AssertEveryRevisionAsync(id, texts).DefaultTimeout();
    }

    [Fact]
    public async Task TextAtRevision_IsRight_WhenGroupCommitsCrossSnapshotBoundaries()
    {
        var (id, texts) = await WriteHistoryAsync(revisions: 40, batches: true).DefaultTimeout();
        await AssertEveryRevisionAsync(id, texts).DefaultTimeout();
    }

    [Fact]
    public async Task TextAtRevision_OutOfRange_IsRefused()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        using var future = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/text?revision=1", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(future, HttpStatusCode.BadRequest, "revision_in_future").DefaultTimeout();
        using var negative = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/text?revision=-1", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(negative, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
        using var missing = await Api.Http.GetAsync(new Uri("/api/documents/missing/text?revision=0", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(missing, HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
    }

    /// <summary>Random edits; returns the expected text at every revision 0..<paramref name="revisions"/>.</summary>
    private async Task<(string Id, List<string> Texts)> WriteHistoryAsync(int revisions, bool batches)
    {
        int seed = RandomEdits.Seed(5);
        Output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        string id = await CreateDocumentAsync("Once upon a time").DefaultTimeout();
        var texts = new List<string> { "Once upon a time" };
        var writers = new List<TestHubClient>();
        for (int i = 0; i < 4; i++)
        {
            writers.Add(await ConnectAsync().DefaultTimeout());
        }

        int seq = 0;
        while (texts.Count <= revisions)
        {
            // Either one submit at a time, or four at once (likely one group commit, straddling snapshots).
            int parallel = batches ? Math.Min(writers.Count, revisions + 1 - texts.Count) : 1;
            int baseRevision = texts.Count - 1;
            seq++;
            var operations = Enumerable.Range(0, parallel).Select(_ => RandomEdits.Next(random, texts[baseRevision])).ToList();
            var acks = await Task.WhenAll(operations.Select((operation, i) => writers[i].SubmitAsync(id, baseRevision, operation, seq))).DefaultTimeout();

            // The expected texts come from the test's own operations, in the order of the acknowledgements:
            // each one transformed over those acknowledged before it on the same base (incoming first).
            var committed = new List<TextOperation>();
            foreach (int i in Enumerable.Range(0, parallel).OrderBy(i => acks[i]))
            {
                var operation = committed.Aggregate(operations[i], (incoming, earlier) => TextOperation.Transform(incoming, earlier).APrime);
                committed.Add(operation);
                texts.Add(operation.Apply(texts[^1]));
            }

            var log = await Api.GetOperationsAsync(id, from: baseRevision).DefaultTimeout();
            Assert.Equal(acks.Order(), log.Select(o => o.Revision));
            Assert.Equal(committed, log.Select(o => o.Operation));
        }

        return (id, texts);
    }

    private async Task AssertEveryRevisionAsync(string id, List<string> texts)
    {
        for (int revision = 0; revision < texts.Count; revision++)
        {
            Assert.Equal(texts[revision], await Api.GetTextAtAsync(id, revision).DefaultTimeout());
        }

        Assert.Equal((texts.Count - 1, texts[^1]), await GetDocumentAsync(id).DefaultTimeout());

        // Without a revision: the current text and revision.
        using var current = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/text", UriKind.Relative)).DefaultTimeout();
        current.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await current.Content.ReadAsStringAsync().DefaultTimeout());
        Assert.Equal(texts.Count - 1, body.RootElement.GetProperty("revision").GetInt32());
        Assert.Equal(texts[^1], body.RootElement.GetProperty("text").GetString());
    }
}
