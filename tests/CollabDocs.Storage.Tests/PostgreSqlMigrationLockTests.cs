using CollabDocs.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace CollabDocs.Storage.Tests;

/// <summary>
/// docs/cluster.md, Configuration: with <c>MigrateOnStartup</c> on every node, "nodes starting together take EF Core's
/// migration lock in turn". Several stores migrate one empty PostgreSQL database at the same moment; each must
/// succeed and leave the schema a single migration run leaves (compared with a database migrated alone).
/// </summary>
[RequiresPostgreSql]
public sealed class PostgreSqlMigrationLockTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Nodes = 4;
    private readonly string _together = "collabdocs_test_lock_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _alone = "collabdocs_test_alone_" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<ServiceProvider> _providers = [];

    public async Task InitializeAsync()
    {
        await ExecuteAsync(PostgreSqlServer.RequireConnectionString(), $"CREATE DATABASE \"{_together}\"").DefaultTimeout();
        await ExecuteAsync(PostgreSqlServer.RequireConnectionString(), $"CREATE DATABASE \"{_alone}\"").DefaultTimeout();
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(PostgreSqlServer.RequireConnectionString(), $"DROP DATABASE IF EXISTS \"{_together}\" WITH (FORCE)").DefaultTimeout();
        await ExecuteAsync(PostgreSqlServer.RequireConnectionString(), $"DROP DATABASE IF EXISTS \"{_alone}\" WITH (FORCE)").DefaultTimeout();
    }

    [StoreFact]
    [Trait("Promise", "cluster.migrations-take-turns")]
    public async Task NodesMigratingOneEmptyDatabaseTogether_AllSucceed_AndLeaveTheSchemaOfASingleRun()
    {
        await Migrator(_alone).MigrateAsync().DefaultTimeout();

        var migrators = Enumerable.Range(0, Nodes).Select(_ => Migrator(_together)).ToList();
        using var start = new Barrier(Nodes);
        var runs = migrators.Select(m => Task.Run(async () =>
        {
            start.SignalAndWait();
            await m.MigrateAsync().DefaultTimeout();
        })).ToList();
        await Task.WhenAll(runs).DefaultTimeout();

        var expectedHistory = await ListAsync(_alone, """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY 1""").DefaultTimeout();
        var history = await ListAsync(_together, """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY 1""").DefaultTimeout();
        const string Columns = "SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1";
        var expectedColumns = await ListAsync(_alone, Columns).DefaultTimeout();
        var columns = await ListAsync(_together, Columns).DefaultTimeout();
        output.WriteLine($"{Nodes} nodes migrated together: {history.Count} migrations, {columns.Count} columns");

        Assert.NotEmpty(expectedHistory);
        Assert.Equal(expectedHistory, history);
        Assert.Equal(expectedColumns, columns);

        // And every node's store works on it: what one creates, the others read.
        var stores = _providers.Skip(1).Select(p => p.GetRequiredService<IDocumentStore>()).ToList();
        Assert.True(await stores[0].CreateAsync("after-migration", "text", "dev:ada").DefaultTimeout());
        foreach (var store in stores)
        {
            Assert.NotNull(await store.GetAsync("after-migration").DefaultTimeout());
        }
    }

    private IStoreMigrator Migrator(string database)
    {
        var options = new StorageOptions
        {
            Provider = StorageProvider.PostgreSql,
            ConnectionString = new NpgsqlConnectionStringBuilder(PostgreSqlServer.RequireConnectionString()) { Database = database }.ToString(),
        };
        var provider = new ServiceCollection().AddCollabDocsStorage(options, AppContext.BaseDirectory).BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IStoreMigrator>();
    }

    private static async Task<List<string>> ListAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgreSqlServer.RequireConnectionString()) { Database = database }.ToString());
        await connection.OpenAsync().DefaultTimeout();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync().DefaultTimeout();
        var values = new List<string>();
        while (await reader.ReadAsync().DefaultTimeout())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
