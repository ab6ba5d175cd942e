using CollabDocs.Storage.Tests.Infrastructure;

namespace CollabDocs.Storage.Tests;

public abstract partial class DocumentStoreSpecification<TFixture>
{
    [StoreFact]
    public async Task Commit_OnExpectedRevision_AppendsTheBatchInOrder_WithSubmissionRecords()
    {
        string id = NewId();
        await Store.CreateAsync(id, "ab", "ada").DefaultTimeout();
        var first = Insert(2, 2, "c");
        var second = Insert(3, 0, "x");
        var batch = new CommitBatch(id, 0, [New(first, "c1", 1), New(second, "c2", 7, "bob")], 4, null);

        Assert.Equal(CommitOutcome.Committed, await Store.CommitAsync(batch).DefaultTimeout());

        var head = await Store.GetAsync(id).DefaultTimeout();
        Assert.Equal(2, head!.Revision);
        Assert.Equal(4, head.Length);
        var operations = await Store.GetOperationsAsync(id, 0, int.MaxValue, 100).DefaultTimeout();
        Assert.Equal([1, 2], operations.Select(o => o.Revision));
        Assert.Equal(first, operations[0].Operation);
        Assert.Equal(second, operations[1].Operation);
        Assert.Equal(("c2", 7, "bob", 1_700_000_000_007L), (operations[1].ClientId, operations[1].Seq, operations[1].UserId, operations[1].Timestamp));
        Assert.Equal(new SubmissionRecord("c1", 1, 1, 1001), await Store.FindSubmissionAsync(id, "c1", 1).DefaultTimeout());
        Assert.Equal(new SubmissionRecord("c2", 7, 2, 1007), await Store.FindLatestSubmissionAsync(id, "c2").DefaultTimeout());
    }

    [StoreFact]
    public async Task Commit_OnStaleExpectedRevision_Conflicts_AndWritesNothing()
    {
        string id = NewId();
        await Store.CreateAsync(id, "", "ada").DefaultTimeout();
        Assert.Equal(CommitOutcome.Committed, await CommitAsync(id, 0, Insert(0, 0, "a"), "c1", 1));

        Assert.Equal(CommitOutcome.Conflict, await CommitAsync(id, 0, Insert(0, 0, "b"), "c2", 1));

        Assert.Equal(1, (await Store.GetAsync(id).DefaultTimeout())!.Revision);
        Assert.Single(await Store.GetOperationsAsync(id, 0, int.MaxValue, 100).DefaultTimeout());
        Assert.Null(await Store.FindSubmissionAsync(id, "c2", 1).DefaultTimeout());
    }

    [StoreFact]
    public async Task Commit_DuplicateClientSeq_Conflicts_AndWritesNothing()
    {
        string id = NewId();
        await Store.CreateAsync(id, "", "ada").DefaultTimeout();
        Assert.Equal(CommitOutcome.Committed, await CommitAsync(id, 0, Insert(0, 0, "a"), "c1", 1));

        // The head is where the writer expects it, but (c1, 1) is committed already: the whole batch fails.
        var batch = new CommitBatch(id, 1, [New(Insert(1, 1, "b"), "c2", 1), New(Insert(2, 2, "c"), "c1", 1)], 3, null);
        Assert.Equal(CommitOutcome.Conflict, await Store.CommitAsync(batch).DefaultTimeout());

        var head = await Store.GetAsync(id).DefaultTimeout();
        Assert.Equal((1, 1), (head!.Revision, head.Length));
        Assert.Single(await Store.GetOperationsAsync(id, 0, int.MaxValue, 100).DefaultTimeout());
        Assert.Null(await Store.FindSubmissionAsync(id, "c2", 1).DefaultTimeout());
        Assert.Equal(1, (await Store.FindLatestSubmissionAsync(id, "c1").DefaultTimeout())!.Revision);
    }

    [StoreFact]
    public async Task Commit_MissingDocument_ReportsIt()
    {
        Assert.Equal(CommitOutcome.DocumentMissing, await CommitAsync(NewId(), 0, Insert(0, 0, "a"), "c1", 1));
    }

    [StoreFact]
    public async Task Snapshots_LatestAtOrBeforeTheRevision()
    {
        string id = NewId();
        await Store.CreateAsync(id, "", "ada").DefaultTimeout();
        string text = string.Empty;
        for (int revision = 1; revision <= 5; revision++)
        {
            var operation = Insert(text.Length, text.Length, revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
            text = operation.Apply(text);
            var snapshot = revision % 2 == 0 ? new DocumentSnapshot(revision, text) : null;
            Assert.Equal(CommitOutcome.Committed, await CommitAsync(id, revision - 1, operation, "c1", revision, snapshot));
        }

        Assert.Equal(new DocumentSnapshot(0, ""), await Store.GetSnapshotAsync(id, 1).DefaultTimeout());
        Assert.Equal(new DocumentSnapshot(2, "12"), await Store.GetSnapshotAsync(id, 3).DefaultTimeout());
        Assert.Equal(new DocumentSnapshot(4, "1234"), await Store.GetSnapshotAsync(id, 4).DefaultTimeout());
        Assert.Equal(new DocumentSnapshot(4, "1234"), await Store.GetSnapshotAsync(id, int.MaxValue).DefaultTimeout());
    }

    [StoreFact]
    public async Task GetOperations_ReturnsTheRangeInOrder_UpToTheLimit()
    {
        string id = NewId();
        await Store.CreateAsync(id, "", "ada").DefaultTimeout();
        for (int revision = 1; revision <= 10; revision++)
        {
            await CommitAsync(id, revision - 1, Insert(revision - 1, 0, "x"), "c1", revision);
        }

        Assert.Equal([4, 5, 6, 7], (await Store.GetOperationsAsync(id, 3, 7, 100).DefaultTimeout()).Select(o => o.Revision));
        Assert.Equal([4, 5], (await Store.GetOperationsAsync(id, 3, 7, 2).DefaultTimeout()).Select(o => o.Revision));
        Assert.Equal([9, 10], (await Store.GetOperationsAsync(id, 8, int.MaxValue, 100).DefaultTimeout()).Select(o => o.Revision));
        Assert.Empty(await Store.GetOperationsAsync(id, 10, int.MaxValue, 100).DefaultTimeout());
        Assert.Empty(await Store.GetOperationsAsync(id, 5, 5, 100).DefaultTimeout());
    }

    [StoreFact]
    public async Task Submissions_FindByClientAndSeq_AndTheLatestPerClient()
    {
        string id = NewId();
        await Store.CreateAsync(id, "", "ada").DefaultTimeout();
        await CommitAsync(id, 0, Insert(0, 0, "a"), "c1", 1);
        await CommitAsync(id, 1, Insert(1, 0, "b"), "c2", 1);
        await CommitAsync(id, 2, Insert(2, 0, "c"), "c1", 2);

        Assert.Equal(new SubmissionRecord("c1", 1, 1, 1001), await Store.FindSubmissionAsync(id, "c1", 1).DefaultTimeout());
        Assert.Equal(new SubmissionRecord("c1", 2, 3, 1002), await Store.FindLatestSubmissionAsync(id, "c1").DefaultTimeout());
        Assert.Null(await Store.FindSubmissionAsync(id, "c1", 3).DefaultTimeout());
        Assert.Null(await Store.FindLatestSubmissionAsync(id, "c3").DefaultTimeout());
    }
}
