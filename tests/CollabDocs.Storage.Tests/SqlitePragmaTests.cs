using System.ComponentModel.DataAnnotations;
using CollabDocs.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Storage.Tests;

/// <summary>The store's own SQLite connections carry the configured pragmas, whichever connection of the pool runs a query.</summary>
public sealed class SqlitePragmaTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "collabdocs-pragma-" + Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProvider> _providers = [];

    [Theory]
    [InlineData(null, -512)]
    [InlineData(300, -300)]
    public async Task StoreConnections_UseTheConfiguredPageCache_InWalMode(int? cacheKiB, long expected)
    {
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = _folder };
        if (cacheKiB is { } kib)
        {
            options.SqliteCacheKiB = kib;
        }

        var services = new ServiceCollection().AddCollabDocsStorage(options, AppContext.BaseDirectory).BuildServiceProvider();
        _providers.Add(services);
        await services.GetRequiredService<IStoreMigrator>().MigrateAsync().DefaultTimeout();
        var contexts = services.GetRequiredService<IDbContextFactory<SqliteCollabDocsDbContext>>();

        // Two contexts open at once take two physical connections from the pool: both are configured.
        await using var first = await contexts.CreateDbContextAsync().DefaultTimeout();
        await using var second = await contexts.CreateDbContextAsync().DefaultTimeout();
        await first.Database.OpenConnectionAsync().DefaultTimeout();
        await second.Database.OpenConnectionAsync().DefaultTimeout();
        Assert.NotSame(first.Database.GetDbConnection(), second.Database.GetDbConnection());
        foreach (var context in new[] { first, second })
        {
            Assert.Equal(expected, await PragmaAsync(context, "cache_size").DefaultTimeout());
            Assert.Equal("wal", await PragmaAsync(context, "journal_mode").DefaultTimeout());
        }
    }

    [Theory]
    [InlineData(63, false)]
    [InlineData(64, true)]
    [InlineData(1_048_576, true)]
    [InlineData(1_048_577, false)]
    public void CacheSize_OutsideItsRange_IsRefusedWithTheSettingsName(int cacheKiB, bool valid)
    {
        var options = new StorageOptions { SqliteCacheKiB = cacheKiB };
        var results = new List<ValidationResult>();
        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(valid, !results.Any(r => r.ErrorMessage!.Contains("CollabDocs:Storage:SqliteCacheKiB", StringComparison.Ordinal)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<object> PragmaAsync(DbContext context, string name)
    {
        var command = context.Database.GetDbConnection().CreateCommand();
        await using (command)
        {
            command.CommandText = $"PRAGMA {name}";
            object value = (await command.ExecuteScalarAsync())!;
            return value is string text ? text.ToLowerInvariant() : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
