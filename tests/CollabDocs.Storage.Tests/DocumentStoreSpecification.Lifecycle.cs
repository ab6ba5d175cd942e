using CollabDocs.Ot;
using CollabDocs.Storage.Tests.Infrastructure;

namespace CollabDocs.Storage.Tests;

/// <summary>The storage lifecycle: snapshots off the commit path and pruned, the log compacted below the retention, exactly-once records pruned.</summary>
public abstract partial class DocumentStoreSpecification<TFixture>
{
    [StoreFact]
    [Trait("Promise", "security.snapshot-interval")]
    public async Task Commit_NeverWritesASnapshot_MaintenanceWritesItFromTheLog()
    {
        var (store, maintenance) = Fixture.OpenStore(o => { o.SnapshotInterval = 10; o.BackgroundMaintenance = false; });
        string id = NewId();
        var texts = await WriteAsync(store, id, revisions: 25, batch: 1);

        // The commits crossed two boundaries, but no snapshot was written with them.
        Assert.Equal(new DocumentSnapshot(0, texts[0]), await store.GetSnapshotAsync(id, int.MaxValue).DefaultTimeout());

        var result = await maintenance.MaintainAsync(id).DefaultTimeout();

        // At the interval's multiples, as if taken on time.
        Assert.Equal(20, result!.SnapshotWritten);
        Assert.Equal(new DocumentSnapshot(10, texts[10]), await store.GetSnapshotAsync(id, 19).DefaultTimeout());
        Assert.Equal(new DocumentSnapshot(20, texts[20]), await store.GetSnapshotAsync(id, int.MaxValue).DefaultTimeout());
        Assert.Null((await maintenance.MaintainAsync(id).DefaultTimeout())!.SnapshotWritten);
        Assert.Null(await maintenance.MaintainAsync(NewId()).DefaultTimeout());
    }

    [StoreFact]
    [Trait("Promise", "security.snapshot-interval")]
    public async Task BackgroundMaintenance_WritesTheSnapshot_AfterACommitCrossesABoundary()
    {
        var (store, _) = Fixture.OpenStore(o => o.SnapshotInterval = 10);
        string id = NewId();
        var texts = await WriteAsync(store, id, revisions: 12, batch: 4);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        DocumentSnapshot? latest;
        while ((latest = await store.GetSnapshotAsync(id, int.MaxValue).DefaultTimeout())!.Revision == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        // Written after the commit of revisions 9..12, at the boundary it crossed.
        Assert.Equal(new DocumentSnapshot(10, texts[10]), latest);
    }

    [StoreFact]
    [Trait("Promise", "security.snapshots-kept")]
    public async Task SnapshotPruning_KeepsTheLatestAndSparseOlderOnes_AndTheFloor_AllRight()
    {
        var (store, maintenance) = Fixture.OpenStore(o => { o.SnapshotInterval = 10; o.SnapshotsKept = 2; o.BackgroundMaintenance = false; });
        string id = NewId();
        var texts = new List<string>();
        for (int round = 0; round < 100; round++)
        {
            texts = await WriteAsync(store, id, revisions: 10, batch: 10, texts);
            await maintenance.MaintainAsync(id).DefaultTimeout();
        }

        var kept = await SnapshotRevisionsAsync(id);

        // 101 were written (revision 0 and every 10th); kept: the floor 0, the two newest, one per band of age.
        Assert.Equal(0, kept[0]);
        Assert.Equal([990, 1000], kept[^2..]);
        Assert.InRange(kept.Count, 5, 2 + 1 + 8);
        for (int i = 2; i < kept.Count - 2; i++)
        {
            // Older gaps are wider: the spacing grows with age.
            Assert.True(kept[i] - kept[i - 1] >= kept[i + 1] - kept[i] || kept[i + 1] - kept[i] <= 20, $"kept {string.Join(',', kept)}");
        }

        foreach (int revision in kept)
        {
            Assert.Equal(new DocumentSnapshot(revision, texts[revision]), await store.GetSnapshotAsync(id, revision).DefaultTimeout());
        }

        // Nothing was compacted: the default keeps the whole log.
        Assert.Equal(1000, (await store.GetOperationsAsync(id, 0, int.MaxValue, 2000).DefaultTimeout()).Count);
    }

    [StoreFact]
    public async Task Compaction_ByRevisions_CutsTheLogAtASnapshot_EveryRetainedRevisionRebuilds_OlderOnesAreTyped()
    {
        var (store, maintenance) = Fixture.OpenStore(o => { o.SnapshotInterval = 10; o.RetainRevisions = 50; o.BackgroundMaintenance = false; });
        string id = NewId();
        var texts = new List<string>();
        for (int round = 0; round < 30; round++)
        {
            texts = await WriteAsync(store, id, revisions: 10, batch: 5, texts);
            await maintenance.MaintainAsync(id).DefaultTimeout();
        }

        var result = await maintenance.MaintainAsync(id).DefaultTimeout();
        int floor = result!.Floor;
        Assert.InRange(floor, 300 - 50 - 12 - 10, 300 - 50);
        Assert.Equal(floor, (await SnapshotRevisionsAsync(id))[0]);
        Assert.Equal(floor, (int)await Fixture.ScalarAsync($"""SELECT MIN("Revision") FROM "Operations" WHERE "DocumentId" = '{id}'""") - 1);

        var compacted = await Assert.ThrowsAsync<RevisionCompactedException>(() => store.GetOperationsAsync(id, floor - 1, int.MaxValue, 10)).DefaultTimeout();
        Assert.Equal((id, floor - 1, floor), (compacted.DocumentId, compacted.Revision, compacted.Floor));
        await Assert.ThrowsAsync<RevisionCompactedException>(() => store.GetOperationsAsync(id, 0, 5, 10)).DefaultTimeout();
        Assert.Null(await store.GetSnapshotAsync(id, floor - 1).DefaultTimeout());
        Assert.Empty(await store.GetOperationsAsync(id, 300, int.MaxValue, 10).DefaultTimeout());

        for (int revision = floor; revision <= 300; revision++)
        {
            Assert.Equal(texts[revision], await RebuildAsync(store, id, revision));
        }
    }

    [StoreFact]
    [Trait("Promise", "security.retain-age")]
    public async Task Compaction_WithRevisionsAndAge_DropsOnlyWhatBothAllow()
    {
        var time = new ManualTime(DateTimeOffset.UnixEpoch.AddYears(56));
        var (store, maintenance) = Fixture.OpenStore(o => { o.SnapshotInterval = 10; o.RetainRevisions = 20; o.RetainAge = TimeSpan.FromHours(1); o.BackgroundMaintenance = false; }, time);
        string id = NewId();
        Assert.True(await store.CreateAsync(id, "", "ada").DefaultTimeout());
        var texts = new List<string> { "" };
        for (int round = 0; round < 10; round++)
        {
            texts = await WriteAsync(store, id, revisions: 10, batch: 10, texts);
            await maintenance.MaintainAsync(id).DefaultTimeout();
        }

        // 100 revisions, all younger than an hour: nothing goes although 80 are beyond RetainRevisions.
        Assert.Equal(0, (await maintenance.MaintainAsync(id).DefaultTimeout())!.Floor);
        Assert.Equal(100, (await store.GetOperationsAsync(id, 0, int.MaxValue, 200).DefaultTimeout()).Count);

        time.Now += TimeSpan.FromHours(2);
        var result = await maintenance.MaintainAsync(id).DefaultTimeout();

        // The floor is the newest kept snapshot both limits allow: 80.
        Assert.Equal(80, result!.Floor);
        Assert.Equal(result.Floor, result.OperationsDeleted);
        Assert.Equal(texts[100], await RebuildAsync(store, id, 100));
    }

    [StoreFact]
    [Trait("Promise", "security.retain-submission-revisions")]
    public async Task SubmissionPruning_KeepsEachClientsHighestSeq_AndTheRecentOnes()
    {
        var (store, maintenance) = Fixture.OpenStore(o => { o.SnapshotInterval = 10; o.RetainSubmissionRevisions = 20; o.BackgroundMaintenance = false; });
        string id = NewId();
        Assert.True(await store.CreateAsync(id, "", "ada").DefaultTimeout());
        Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(new CommitBatch(id, 0, [New(Insert(0, 0, "q"), "quiet", 7)], 1, null)).DefaultTimeout());
        string text = "q";
        for (int seq = 1; seq <= 100; seq++)
        {
            var operation = Insert(text.Length, text.Length, "x");
            Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(new CommitBatch(id, seq, [New(operation, "busy", seq)], text.Length + 1, null)).DefaultTimeout());
            text += "x";
        }

        var result = await maintenance.MaintainAsync(id).DefaultTimeout();

        // Head 101: records of revisions up to 81 go (seqs 1..80 of "busy"), except each client's highest seq.
        Assert.Equal(80, result!.SubmissionsDeleted);
        Assert.Null(await store.FindSubmissionAsync(id, "busy", 1).DefaultTimeout());
        Assert.Null(await store.FindSubmissionAsync(id, "busy", 80).DefaultTimeout());
        Assert.Equal(82, (await store.FindSubmissionAsync(id, "busy", 81).DefaultTimeout())!.Revision);
        Assert.Equal(101, (await store.FindLatestSubmissionAsync(id, "busy").DefaultTimeout())!.Revision);
        Assert.Equal(new SubmissionRecord("quiet", 7, 1, 1007), await store.FindLatestSubmissionAsync(id, "quiet").DefaultTimeout());

        // The log itself is untouched (no log retention configured).
        Assert.Equal(101, (await store.GetOperationsAsync(id, 0, int.MaxValue, 200).DefaultTimeout()).Count);
    }

    [StoreFact]
    public async Task ColdOpen_AfterCommitsWithoutMaintenance_RebuildsFromTheLog()
    {
        // A crash between a commit and its snapshot: nothing is lost, the log is the truth.
        var (store, _) = Fixture.OpenStore(o => { o.SnapshotInterval = 10; o.BackgroundMaintenance = false; });
        string id = NewId();
        var texts = await WriteAsync(store, id, revisions: 37, batch: 3);

        var (reopened, maintenance) = Fixture.OpenStore(o => { o.SnapshotInterval = 10; o.BackgroundMaintenance = false; });
        Assert.Equal(texts[37], await RebuildAsync(reopened, id, 37));
        Assert.Equal(30, (await maintenance.MaintainAsync(id).DefaultTimeout())!.SnapshotWritten);
        Assert.Equal(texts[37], await RebuildAsync(reopened, id, 37));
    }

    /// <summary>Commits <paramref name="revisions"/> more seeded random edits in batches; returns the text at every revision.</summary>
    private static async Task<List<string>> WriteAsync(IDocumentStore store, string id, int revisions, int batch, List<string>? texts = null)
    {
        if (texts is null || texts.Count == 0)
        {
            texts = ["start"];
            Assert.True(await store.CreateAsync(id, texts[0], "ada").DefaultTimeout());
        }

        var random = new Random(texts.Count);
        int end = texts.Count - 1 + revisions;
        while (texts.Count - 1 < end)
        {
            int expected = texts.Count - 1;
            var operations = new List<NewOperation>();
            string text = texts[^1];
            for (int i = 0; i < batch && expected + i < end; i++)
            {
                var operation = text.Length > 30
                    ? TextOperation.Splice(text.Length, random.Next(text.Length - 3), 3, "")
                    : Insert(text.Length, random.Next(text.Length + 1), ((char)('a' + random.Next(26))).ToString());
                text = operation.Apply(text);
                texts.Add(text);
                operations.Add(New(operation, "writer", expected + i + 1));
            }

            Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(new CommitBatch(id, expected, operations, text.Length, null)).DefaultTimeout());
        }

        return texts;
    }

    /// <summary>The text at <paramref name="revision"/> as time travel rebuilds it: the snapshot at or below, then the log.</summary>
    private static async Task<string> RebuildAsync(IDocumentStore store, string id, int revision)
    {
        var snapshot = await store.GetSnapshotAsync(id, revision).DefaultTimeout();
        Assert.NotNull(snapshot);
        var text = new TextDocument(snapshot.Text);
        foreach (var operation in await store.GetOperationsAsync(id, snapshot.Revision, revision, int.MaxValue).DefaultTimeout())
        {
            text.Apply(operation.Operation);
        }

        return text.ToString();
    }

    private async Task<List<int>> SnapshotRevisionsAsync(string id)
    {
        long count = await Fixture.ScalarAsync($"""SELECT COUNT(*) FROM "Snapshots" WHERE "DocumentId" = '{id}'""");
        var revisions = new List<int>();
        for (int i = 0; i < count; i++)
        {
            revisions.Add((int)await Fixture.ScalarAsync($"""SELECT "Revision" FROM "Snapshots" WHERE "DocumentId" = '{id}' ORDER BY "Revision" LIMIT 1 OFFSET {i}"""));
        }

        return revisions;
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
