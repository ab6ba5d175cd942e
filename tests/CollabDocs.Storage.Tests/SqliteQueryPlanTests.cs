using CollabDocs.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CollabDocs.Storage.Tests;

/// <summary>
/// The retention's delete of old exactly-once records (StoreMaintenance) runs inside the write turn every
/// <c>SnapshotInterval</c> operations: it must find the records below the floor by revision, not read every record of
/// the document (10,000 and more on a long one) each time.
/// </summary>
public sealed class SqliteQueryPlanTests(SqliteStoreFixture fixture) : IClassFixture<SqliteStoreFixture>
{
    [Fact]
    public async Task SubmissionRetention_SearchesByRevision()
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabaseFile}");
        await connection.OpenAsync().DefaultTimeout();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            EXPLAIN QUERY PLAN
            DELETE FROM "Submissions" WHERE "DocumentId" = 'd' AND "Revision" <= 100
              AND "Seq" < (SELECT MAX(x."Seq") FROM "Submissions" AS x WHERE x."DocumentId" = 'd' AND x."ClientId" = "Submissions"."ClientId")
            """;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync().DefaultTimeout())
        {
            while (await reader.ReadAsync().DefaultTimeout())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("IX_Submissions_DocumentId_Revision (DocumentId=? AND Revision<?)", StringComparison.Ordinal));
    }
}
