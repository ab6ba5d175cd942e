using Npgsql;

namespace CollabDocs.Storage.Tests.Infrastructure;

/// <summary>A fresh database on <see cref="PostgreSqlServer"/>, dropped afterwards.</summary>
public sealed class PostgreSqlStoreFixture : StoreFixture
{
    private readonly string _database = "collabdocs_test_" + Guid.NewGuid().ToString("N");

    protected override bool IsAvailable => PostgreSqlServer.SkipReason is null;

    /// <summary>An Npgsql connection string to this fixture's database.</summary>
    public string ConnectionString => CreateOptions().ConnectionString!;

    /// <summary>10⁵: PostgreSQL's round trips make each commit slower than SQLite's (BENCHMARKS.md has the 10⁶ run).</summary>
    public override int DefaultScaleOperations => 100_000;

    /// <summary>
    /// Deleted rows stay as dead tuples until autovacuum reclaims them, so PostgreSQL's tables run larger than
    /// the rows they keep (10⁶ operations with default autovacuum: at most 98.5 MiB, 60.9 MiB at the end).
    /// </summary>
    public override long ScaleSizeBound => 160L * 1048576;

    protected override StorageOptions CreateOptions() => new()
    {
        Provider = StorageProvider.PostgreSql,
        ConnectionString = new NpgsqlConnectionStringBuilder(PostgreSqlServer.RequireConnectionString()) { Database = _database }.ToString(),
    };

    public override async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(CreateOptions().ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override Task<long> SizeAsync() => ScalarAsync(
        """SELECT pg_total_relation_size('"Documents"') + pg_total_relation_size('"Operations"') + pg_total_relation_size('"Snapshots"') + pg_total_relation_size('"Submissions"') + pg_total_relation_size('"DocumentMembers"')""");

    protected override Task CreateDatabaseAsync() => ExecuteAsync($"CREATE DATABASE \"{_database}\"");

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlServer.RequireConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
