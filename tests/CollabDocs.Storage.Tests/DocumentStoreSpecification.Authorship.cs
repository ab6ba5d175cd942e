using CollabDocs.Ot;
using CollabDocs.Ot.Authorship;
using CollabDocs.Storage.Tests.Infrastructure;

namespace CollabDocs.Storage.Tests;

/// <summary>Authorship kept with snapshots (the <c>Snapshots.Authorship</c> column): written by maintenance from the log, read back whole.</summary>
public abstract partial class DocumentStoreSpecification<TFixture>
{
    [StoreFact]
    public async Task Authorship_IsWrittenWithEverySnapshot_AndReadsBackAsTheLogReplayedNaively()
    {
        var (store, maintenance) = Fixture.OpenStore(o => { o.SnapshotInterval = 10; o.BackgroundMaintenance = false; });
        string id = NewId();
        Assert.True(await store.CreateAsync(id, "héllo wörld", "ada").DefaultTimeout());
        var created = await store.GetAsync(id).DefaultTimeout();

        // Revision 0: the creator's, written with the document.
        var initial = await store.GetAuthorshipSnapshotAsync(id, int.MaxValue).DefaultTimeout();
        Assert.Equal(0, initial!.Revision);
        Assert.Equal([new AuthorshipRange(0, "héllo wörld".Length, "ada", 0, created!.CreatedAt)], AuthorshipMap.FromBytes(initial.Authorship).GetRanges());

        await WriteByThreeUsersAsync(store, id, "héllo wörld", 25);
        Assert.Equal(20, (await maintenance.MaintainAsync(id).DefaultTimeout())!.SnapshotWritten);

        var log = await store.GetOperationsAsync(id, 0, int.MaxValue, 100).DefaultTimeout();
        var naive = new NaiveAuthorship("héllo wörld".Length, "ada", 0, created.CreatedAt);
        var expected = new Dictionary<int, IReadOnlyList<AuthorshipRange>>();
        foreach (var operation in log)
        {
            naive.Apply(operation.Operation, operation.UserId, operation.Revision, operation.Timestamp);
            expected[operation.Revision] = naive.GetRanges();
        }

        Assert.Equal(3, log.Select(o => o.UserId).Distinct().Count());
        foreach (var (asked, kept) in new[] { (9, 0), (10, 10), (19, 10), (20, 20), (int.MaxValue, 20) })
        {
            var snapshot = await store.GetAuthorshipSnapshotAsync(id, asked).DefaultTimeout();
            Assert.Equal(kept, snapshot!.Revision);
            var map = AuthorshipMap.FromBytes(snapshot.Authorship);
            Assert.Equal(kept, map.Revision);
            if (kept > 0)
            {
                Assert.Equal(expected[kept], map.GetRanges());
            }
        }

        Assert.Null(await store.GetAuthorshipSnapshotAsync(NewId(), int.MaxValue).DefaultTimeout());
    }

    [StoreFact]
    public async Task SnapshotsWithoutAuthorship_AsWrittenBeforeItWasKept_AreReadAsNone_AndMaintenanceRebuildsItFromRevisionZero()
    {
        var (store, maintenance) = Fixture.OpenStore(o => { o.SnapshotInterval = 10; o.BackgroundMaintenance = false; });
        string id = NewId();
        Assert.True(await store.CreateAsync(id, "start", "ada").DefaultTimeout());
        var created = await store.GetAsync(id).DefaultTimeout();
        await WriteByThreeUsersAsync(store, id, "start", 12);
        Assert.Equal(10, (await maintenance.MaintainAsync(id).DefaultTimeout())!.SnapshotWritten);

        // As a database migrated from before the column: every snapshot without authorship.
        await Fixture.ScalarAsync($"""UPDATE "Snapshots" SET "Authorship" = NULL WHERE "DocumentId" = '{id}'""");
        Assert.Null(await store.GetAuthorshipSnapshotAsync(id, int.MaxValue).DefaultTimeout());

        // A restarted node: nothing carried over from the pass above.
        var (_, restarted) = Fixture.OpenStore(o => { o.SnapshotInterval = 10; o.BackgroundMaintenance = false; });
        await WriteByThreeUsersAsync(store, id, null, 10);
        Assert.Equal(20, (await restarted.MaintainAsync(id).DefaultTimeout())!.SnapshotWritten);

        // The log still reaches revision 0: the new snapshot's authorship is replayed from the creator's text.
        var naive = new NaiveAuthorship("start".Length, "ada", 0, created!.CreatedAt);
        foreach (var operation in await store.GetOperationsAsync(id, 0, 20, 100).DefaultTimeout())
        {
            naive.Apply(operation.Operation, operation.UserId, operation.Revision, operation.Timestamp);
        }

        var snapshot = await store.GetAuthorshipSnapshotAsync(id, int.MaxValue).DefaultTimeout();
        Assert.Equal(20, snapshot!.Revision);
        Assert.Equal(naive.GetRanges(), AuthorshipMap.FromBytes(snapshot.Authorship).GetRanges());
        Assert.Null(await store.GetAuthorshipSnapshotAsync(id, 19).DefaultTimeout());
    }

    [StoreFact]
    public async Task Maintenance_GoesOnFromTheSnapshotItWrote_InMemory_NotFromOneWrittenElsewhereSince()
    {
        var (store, maintenance) = Fixture.OpenStore(o => { o.SnapshotInterval = 10; o.BackgroundMaintenance = false; });
        string id = NewId();
        Assert.True(await store.CreateAsync(id, "start", "ada").DefaultTimeout());
        await WriteByThreeUsersAsync(store, id, "start", 12);
        Assert.Equal(10, (await maintenance.MaintainAsync(id).DefaultTimeout())!.SnapshotWritten);

        // Snapshot 10's stored authorship made unreadable: a pass that read it would write 20 without authorship.
        string unreadable = Fixture is PostgreSqlStoreFixture ? @"'\x07'::bytea" : "X'07'";
        await Fixture.ScalarAsync($"""UPDATE "Snapshots" SET "Authorship" = {unreadable} WHERE "DocumentId" = '{id}' AND "Revision" = 10""");
        await WriteByThreeUsersAsync(store, id, null, 10);
        Assert.Equal(20, (await maintenance.MaintainAsync(id).DefaultTimeout())!.SnapshotWritten);
        Assert.Equal(await NaiveAuthorshipAsync(store, id, 20), await StoredAuthorshipAsync(store, id, 20));

        // Snapshot 20 written again by another node (a later timestamp, unreadable authorship): not this node's any more.
        await Fixture.ScalarAsync($"""UPDATE "Snapshots" SET "Authorship" = {unreadable}, "Timestamp" = "Timestamp" + 1 WHERE "DocumentId" = '{id}' AND "Revision" = 20""");
        await WriteByThreeUsersAsync(store, id, null, 10);
        Assert.Equal(30, (await maintenance.MaintainAsync(id).DefaultTimeout())!.SnapshotWritten);
        Assert.Null(await StoredAuthorshipAsync(store, id, 30));
    }

    private static async Task<IReadOnlyList<AuthorshipRange>?> StoredAuthorshipAsync(IDocumentStore store, string id, int revision)
    {
        var snapshot = await store.GetAuthorshipSnapshotAsync(id, revision).DefaultTimeout();
        return snapshot?.Revision == revision ? AuthorshipMap.FromBytes(snapshot.Authorship).GetRanges() : null;
    }

    private static async Task<IReadOnlyList<AuthorshipRange>> NaiveAuthorshipAsync(IDocumentStore store, string id, int revision)
    {
        var created = await store.GetAsync(id).DefaultTimeout();
        var initial = await store.GetSnapshotAsync(id, 0).DefaultTimeout();
        var naive = new NaiveAuthorship(initial!.Text.Length, "ada", 0, created!.CreatedAt);
        foreach (var operation in await store.GetOperationsAsync(id, 0, revision, 1000).DefaultTimeout())
        {
            naive.Apply(operation.Operation, operation.UserId, operation.Revision, operation.Timestamp);
        }

        return naive.GetRanges();
    }

    /// <summary>Commits <paramref name="revisions"/> seeded random edits, one per commit, by three users in turn.</summary>
    private static async Task WriteByThreeUsersAsync(IDocumentStore store, string id, string? text, int revisions)
    {
        var head = await store.GetAsync(id).DefaultTimeout();
        int revision = head!.Revision;
        text ??= await RebuildAsync(store, id, revision);
        var random = new Random(revision + 7);
        string[] users = ["ada", "bob", "cy"];
        for (int i = 0; i < revisions; i++, revision++)
        {
            var operation = text.Length > 12 && random.Next(3) == 0
                ? TextOperation.Splice(text.Length, random.Next(text.Length - 3), 3, "")
                : Insert(text.Length, random.Next(text.Length + 1), new string((char)('a' + random.Next(26)), 1 + random.Next(3)));
            text = operation.Apply(text);
            string user = users[revision % 3];
            var outcome = await store.CommitAsync(new CommitBatch(id, revision, [New(operation, "writer-" + user, revision + 1, user)], text.Length, null)).DefaultTimeout();
            Assert.Equal(CommitOutcome.Committed, outcome);
        }
    }
}
