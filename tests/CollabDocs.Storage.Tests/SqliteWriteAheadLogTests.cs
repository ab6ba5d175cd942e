using CollabDocs.Ot;
using CollabDocs.Storage.Tests.Infrastructure;

namespace CollabDocs.Storage.Tests;

/// <summary>
/// SQLite's write-ahead log is copied back into the database file in the background (Sqlite/WalCheckpointer), never
/// inside a commit: the store's connections have SQLite's automatic checkpoint off, and the database file catches up
/// on its own shortly after writes, long before the log reaches the 1,000 pages at which SQLite would have done it.
/// </summary>
public sealed class SqliteWriteAheadLogTests(SqliteStoreFixture fixture) : IClassFixture<SqliteStoreFixture>
{
    [Fact]
    public async Task Commits_ReachTheDatabaseFile_InTheBackground_LongBeforeSqliteWouldCheckpoint()
    {
        var store = fixture.Store;
        string id = "wal-" + Guid.NewGuid().ToString("N");
        Assert.True(await store.CreateAsync(id, string.Empty, "ada").DefaultTimeout());
        long before = new FileInfo(fixture.DatabaseFile).Length;

        // 100 operations of 2,000 characters: about 0.2 MB of log, a twentieth of SQLite's own 1,000-page threshold.
        var text = new TextDocument(string.Empty);
        for (int revision = 0; revision < 100; revision++)
        {
            var operation = TextOperation.Splice(text.Length, text.Length, 0, new string((char)('a' + (revision % 26)), 2000));
            text.Apply(operation);
            var batch = new CommitBatch(id, revision, [new NewOperation(operation, "wal-client", revision + 1, "ada", 1_700_000_000_000 + revision, revision)], text.Length, null);
            Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(batch).DefaultTimeout());
        }

        for (int attempt = 0; new FileInfo(fixture.DatabaseFile).Length < before + (100 * 2000); attempt++)
        {
            Assert.True(attempt < 100, $"The database file did not catch up with the log within 10 s: {new FileInfo(fixture.DatabaseFile).Length} bytes, {before} before the commits.");
            await Task.Delay(100).DefaultTimeout();
        }

        Assert.Equal(100, await fixture.ScalarAsync($"""SELECT COUNT(*) FROM "Operations" WHERE "DocumentId" = '{id}'""").DefaultTimeout());
    }
}
