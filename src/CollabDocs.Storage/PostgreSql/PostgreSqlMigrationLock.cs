using Npgsql;

namespace CollabDocs.Storage.PostgreSql;

/// <summary>
/// Serialises schema migrations of nodes that start together on one PostgreSQL database: a session-level advisory
/// lock held on a connection of its own for the whole run. EF Core's own migration lock did not keep them apart (two
/// nodes migrating an empty database at once both applied a later migration: <c>column … already exists</c>).
/// </summary>
internal static class PostgreSqlMigrationLock
{
    /// <summary>The advisory lock's key ("CollabDo" in ASCII), the same on every node.</summary>
    private const long Key = 0x436F6C6C6162446F;

    public static async Task RunAsync(string connectionString, Func<Task> migrate, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", Key);
            take.CommandTimeout = 0; // wait as long as the other node's migrations take
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await migrate().ConfigureAwait(false);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", Key);
            await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
