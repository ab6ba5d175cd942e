using CollabDocs.Ot;
using CollabDocs.Storage.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Storage.Tests;

/// <summary>
/// What every <see cref="IDocumentStore"/> must do, run against each provider (one derived class per store).
/// Tests share the class's database, so each uses its own document ids.
/// </summary>
public abstract partial class DocumentStoreSpecification<TFixture>(TFixture fixture, ITestOutputHelper output) : IClassFixture<TFixture>
    where TFixture : StoreFixture
{
    protected IDocumentStore Store => fixture.Store;

    protected TFixture Fixture => fixture;

    protected ITestOutputHelper Output => output;

    [StoreFact]
    public async Task Ping_AnswersTrue()
    {
        Assert.True(await Store.PingAsync().DefaultTimeout());
    }

    [StoreFact]
    public async Task Create_ThenGet_HeadAtRevisionZero_WithSnapshotAndOwner()
    {
        string id = NewId();

        Assert.True(await Store.CreateAsync(id, "héllo 👋", "ada").DefaultTimeout());

        var head = await Store.GetAsync(id).DefaultTimeout();
        Assert.NotNull(head);
        Assert.Equal(id, head.Id);
        Assert.Equal(0, head.Revision);
        Assert.Equal("héllo 👋".Length, head.Length);
        Assert.Equal("ada", head.CreatedBy);
        Assert.Equal(new DocumentSnapshot(0, "héllo 👋"), await Store.GetSnapshotAsync(id, int.MaxValue).DefaultTimeout());
        Assert.Equal(DocumentRole.Owner, await Store.GetRoleAsync(id, "ada").DefaultTimeout());
    }

    [StoreFact]
    public async Task Create_TakenId_ReturnsFalse_AndKeepsTheFirst()
    {
        string id = NewId();
        Assert.True(await Store.CreateAsync(id, "first", "ada").DefaultTimeout());

        Assert.False(await Store.CreateAsync(id, "second", "bob").DefaultTimeout());

        Assert.Equal("first", (await Store.GetSnapshotAsync(id, 0).DefaultTimeout())!.Text);
        Assert.Equal(DocumentRole.None, await Store.GetRoleAsync(id, "bob").DefaultTimeout());
    }

    [StoreFact]
    public async Task Get_Missing_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(NewId()).DefaultTimeout());
        Assert.Null(await Store.GetSnapshotAsync(NewId(), int.MaxValue).DefaultTimeout());
    }

    [StoreFact]
    public async Task List_MostRecentlyUpdatedFirst_FilteredByMember()
    {
        string user = "user-" + NewId();
        string older = NewId(), newer = NewId(), foreign = NewId();
        await Store.CreateAsync(older, "a", user).DefaultTimeout();
        await Store.CreateAsync(foreign, "b", "someone-else").DefaultTimeout();
        await Task.Delay(5);
        await Store.CreateAsync(newer, "c", user).DefaultTimeout();
        await Task.Delay(5);
        await CommitAsync(older, 0, Insert(1, 1, "!"), "c1", 1);

        var mine = await Store.ListAsync(user, 10).DefaultTimeout();
        Assert.Equal([older, newer], mine.Select(d => d.Id));
        Assert.Equal(1, mine[0].Revision);

        var limited = await Store.ListAsync(user, 1).DefaultTimeout();
        Assert.Equal([older], limited.Select(d => d.Id));

        var all = await Store.ListAsync(null, 10_000).DefaultTimeout();
        Assert.Contains(all, d => d.Id == foreign);
    }

    [StoreFact]
    public async Task Delete_RemovesTheDocumentWithItsLogSnapshotsSubmissionsAndRoles()
    {
        string id = NewId();
        await Store.CreateAsync(id, "abc", "ada").DefaultTimeout();
        await Store.SetRoleAsync(id, "bob", DocumentRole.Editor).DefaultTimeout();
        await CommitAsync(id, 0, Insert(3, 3, "d"), "c1", 1, snapshot: new DocumentSnapshot(1, "abcd"));

        Assert.True(await Store.DeleteAsync(id).DefaultTimeout());

        Assert.Null(await Store.GetAsync(id).DefaultTimeout());
        Assert.Null(await Store.GetSnapshotAsync(id, int.MaxValue).DefaultTimeout());
        Assert.Empty(await Store.GetOperationsAsync(id, 0, int.MaxValue, 100).DefaultTimeout());
        Assert.Null(await Store.FindLatestSubmissionAsync(id, "c1").DefaultTimeout());
        Assert.Empty(await Store.GetMembersAsync(id).DefaultTimeout());
        Assert.False(await Store.DeleteAsync(id).DefaultTimeout());

        // The id is free again, with nothing left over from before.
        Assert.True(await Store.CreateAsync(id, "new", "bob").DefaultTimeout());
        Assert.Equal(0, (await Store.GetAsync(id).DefaultTimeout())!.Revision);
    }

    protected static string NewId() => "doc-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>On a text of <paramref name="length"/>, inserts <paramref name="text"/> at <paramref name="position"/>.</summary>
    protected static TextOperation Insert(int length, int position, string text) => TextOperation.Splice(length, position, 0, text);

    protected static NewOperation New(TextOperation operation, string clientId, int seq, string userId = "ada") =>
        new(operation, clientId, seq, userId, 1_700_000_000_000 + seq, 1000 + seq);

    protected Task<CommitOutcome> CommitAsync(string id, int expected, TextOperation operation, string clientId, int seq, DocumentSnapshot? snapshot = null) =>
        Store.CommitAsync(new CommitBatch(id, expected, [New(operation, clientId, seq)], operation.TargetLength, snapshot)).DefaultTimeout();
}
