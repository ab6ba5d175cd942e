using Microsoft.Data.Sqlite;

namespace CollabDocs.Storage.Tests.Infrastructure;

/// <summary>A SQLite file in a fresh temporary folder.</summary>
public sealed class SqliteStoreFixture : StoreFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "collabdocs-store-" + Guid.NewGuid().ToString("N"));

    protected override StorageOptions CreateOptions() =>
        new() { Provider = StorageProvider.Sqlite, DataDirectory = _folder, SqliteSynchronous = SqliteSynchronous.Normal };

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
