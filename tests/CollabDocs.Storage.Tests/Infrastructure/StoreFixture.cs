using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Storage.Tests.Infrastructure;

/// <summary>
/// One empty database per test class, migrated, with the store registered exactly as the server does
/// (<c>AddCollabDocsStorage</c>). <see cref="OpenAnotherStore"/> gives a second, independent store on the
/// same database: another node.
/// </summary>
public abstract class StoreFixture : IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];
    private IDocumentStore? _store;

    /// <summary>The store under test.</summary>
    public IDocumentStore Store => _store ?? throw new InvalidOperationException("The store fixture was not initialised.");

    /// <summary>False when the fixture has nothing to run against (its tests are skipped).</summary>
    protected virtual bool IsAvailable => true;

    public async Task InitializeAsync()
    {
        if (!IsAvailable)
        {
            return;
        }

        await CreateDatabaseAsync().DefaultTimeout();
        var provider = Build();
        await provider.GetRequiredService<IStoreMigrator>().MigrateAsync().DefaultTimeout();
        _store = provider.GetRequiredService<IDocumentStore>();
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        if (_store is not null)
        {
            await DropDatabaseAsync().DefaultTimeout();
        }
    }

    /// <summary>A second store with its own connection pool on the same database.</summary>
    public IDocumentStore OpenAnotherStore() => Build().GetRequiredService<IDocumentStore>();

    /// <summary>
    /// Another store on the same database with other options (<paramref name="configure"/>) and, if given, its own
    /// clock, with its <see cref="IStoreMaintenance"/>.
    /// </summary>
    public (IDocumentStore Store, IStoreMaintenance Maintenance) OpenStore(Action<StorageOptions> configure, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = CreateOptions();
        configure(options);
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var provider = services.AddCollabDocsStorage(options, AppContext.BaseDirectory).BuildServiceProvider();
        _providers.Add(provider);
        return (provider.GetRequiredService<IDocumentStore>(), provider.GetRequiredService<IStoreMaintenance>());
    }

    /// <summary>
    /// Operations the scale test writes unless COLLABDOCS_LIFECYCLE_OPERATIONS says otherwise: 2·10⁵, about 40 s on
    /// the shared CI machine; 10⁶ is the acceptance run (BENCHMARKS.md).
    /// </summary>
    public virtual int DefaultScaleOperations => 200_000;

    /// <summary>
    /// The most the scale test's database may take on disk (<see cref="SizeAsync"/>). Unbounded, 10⁶ operations with
    /// their exactly-once records take well over 200 MiB; with the retention SQLite reuses the freed pages.
    /// </summary>
    public virtual long ScaleSizeBound => 48L * 1048576;

    /// <summary>The value of a scalar SQL query (<c>COUNT(*)</c> and the like) on the database.</summary>
    public abstract Task<long> ScalarAsync(string sql);

    /// <summary>Bytes the database takes on disk (SQLite: the file and its WAL; PostgreSQL: the tables with their indexes).</summary>
    public abstract Task<long> SizeAsync();

    protected abstract StorageOptions CreateOptions();

    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    private ServiceProvider Build()
    {
        var provider = new ServiceCollection().AddCollabDocsStorage(CreateOptions(), AppContext.BaseDirectory).BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }
}
