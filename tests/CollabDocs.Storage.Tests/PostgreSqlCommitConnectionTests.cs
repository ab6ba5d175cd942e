using CollabDocs.Ot;
using CollabDocs.Storage.PostgreSql;
using CollabDocs.Storage.Tests.Infrastructure;
using Npgsql;

namespace CollabDocs.Storage.Tests;

/// <summary>
/// Commits that run at once keep their connections between commits, up to <see cref="StorageOptions.CommitConnections"/>:
/// a connection opened again is one more reset round trip for Npgsql and one more context for EF Core.
/// Without the setting (four kept, as before it), the second round opens four again where it should open none.
/// </summary>
[RequiresPostgreSql]
public sealed class PostgreSqlCommitConnectionTests(PostgreSqlStoreFixture fixture) : IClassFixture<PostgreSqlStoreFixture>
{
    private const int Documents = 8;

    [Theory]
    [InlineData(Documents, 0)]
    [InlineData(2, Documents - 2)]
    public async Task ConcurrentCommits_KeepTheirConnections_UpToCommitConnections(int kept, int expectedOpens)
    {
        var (store, _) = fixture.OpenStore(o => o.CommitConnections = kept);
        string[] ids = [.. Enumerable.Range(0, Documents).Select(_ => "commit-connections-" + Guid.NewGuid().ToString("N"))];
        foreach (string id in ids)
        {
            await store.CreateAsync(id, "", "ada").DefaultTimeout();
        }

        var commits = (EfDocumentStore<PostgreSqlCollabDocsDbContext>)store;
        await CommitToEachAtOnceAsync(store, ids, revision: 0).DefaultTimeout();
        Assert.Equal(Documents, commits.CommitConnectionsOpened);

        await CommitToEachAtOnceAsync(store, ids, revision: 1).DefaultTimeout();
        Assert.Equal(Documents + expectedOpens, commits.CommitConnectionsOpened);
    }

    /// <summary>
    /// One commit to each document, all of them holding their connection at the same moment: another transaction
    /// locks the documents' rows until every commit waits for its lock.
    /// </summary>
    private async Task CommitToEachAtOnceAsync(IDocumentStore store, string[] ids, int revision)
    {
        await using var locker = new NpgsqlConnection(fixture.ConnectionString);
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var lockRows = new NpgsqlCommand("SELECT 1 FROM \"Documents\" WHERE \"Id\" = ANY(@ids) FOR UPDATE", locker, transaction))
        {
            lockRows.Parameters.AddWithValue("ids", ids);
            await lockRows.ExecuteNonQueryAsync();
        }

        var operation = TextOperation.Splice(revision, revision, 0, "x");
        var commits = ids.Select(id => store.CommitAsync(new CommitBatch(
            id, revision, [new NewOperation(operation, "writer", revision + 1, "ada", 0, 0)], operation.TargetLength, null))).ToList();
        // Backends of this database waiting for a lock: other tests' databases on the same server do not count. Asked on a
        // connection of its own: inside the locking transaction pg_stat_activity would show one snapshot throughout. A
        // commit that ended without waiting (it failed) stops the wait, and its outcome fails the assertion below.
        await using var watcher = new NpgsqlConnection(fixture.ConnectionString);
        await watcher.OpenAsync();
        await using (var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", watcher))
        {
            while ((long)(await waiting.ExecuteScalarAsync())! < ids.Length && !commits.Any(c => c.IsCompleted))
            {
                await Task.Delay(10);
            }
        }

        await transaction.CommitAsync();
        var outcomes = await Task.WhenAll(commits);
        Assert.All(outcomes, o => Assert.Equal(CommitOutcome.Committed, o));
    }
}
