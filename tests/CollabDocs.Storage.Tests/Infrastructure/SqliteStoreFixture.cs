using Microsoft.Data.Sqlite;

namespace CollabDocs.Storage.Tests.Infrastructure;

/// <summary>A SQLite file in a fresh temporary folder.</summary>
public sealed class SqliteStoreFixture : StoreFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "collabdocs-store-" + Guid.NewGuid().ToString("N"));

    /// <summary>The database file itself, without its write-ahead log.</summary>
    public string DatabaseFile => Path.Combine(_folder, "collabdocs.db");

    protected override StorageOptions CreateOptions() =>
        new() { Provider = StorageProvider.Sqlite, DataDirectory = _folder, SqliteSynchronous = SqliteSynchronous.Normal };

    public override async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "collabdocs.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override Task<long> SizeAsync() =>
        Task.FromResult(Directory.EnumerateFiles(_folder, "collabdocs.db*").Sum(file => new FileInfo(file).Length));

    protected override Task CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
