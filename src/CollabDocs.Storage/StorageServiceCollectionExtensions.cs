using CollabDocs.Storage;
using CollabDocs.Storage.Lifecycle;
using CollabDocs.Storage.PostgreSql;
using CollabDocs.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the document store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IDocumentStore"/> and <see cref="IStoreMigrator"/> for <paramref name="options"/>, given
    /// up front (tests and tools). <paramref name="contentRoot"/> resolves a relative data folder.
    /// </summary>
    public static IServiceCollection AddCollabDocsStorage(this IServiceCollection services, StorageOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException($"{StorageOptions.SectionName}:ConnectionString is required when the provider is {StorageProvider.PostgreSql}.");
        }

        services.TryAddSingleton(Options.Options.Create(options));
        return services.AddCollabDocsStorage(options.Provider, contentRoot);
    }

    /// <summary>
    /// Adds <see cref="IDocumentStore"/> and <see cref="IStoreMigrator"/> for <paramref name="provider"/>; the
    /// rest of <see cref="StorageOptions"/> (connection string, data folder, <c>synchronous</c>) is read from
    /// <see cref="IOptions{StorageOptions}"/> when the first context is created.
    /// </summary>
    public static IServiceCollection AddCollabDocsStorage(this IServiceCollection services, StorageProvider provider, string contentRoot) =>
        services.AddCollabDocsStorage(provider, _ => contentRoot);

    /// <summary>
    /// As <see cref="AddCollabDocsStorage(IServiceCollection, StorageProvider, string)"/>, with the folder a relative
    /// data directory is resolved against found when the first context is created (the host's content root).
    /// </summary>
    public static IServiceCollection AddCollabDocsStorage(this IServiceCollection services, StorageProvider provider, Func<IServiceProvider, string> contentRoot)
    {
        ArgumentNullException.ThrowIfNull(contentRoot);
        services.TryAddSingleton(TimeProvider.System);
        switch (provider)
        {
            case StorageProvider.Sqlite:
                services.AddPooledDbContextFactory<SqliteCollabDocsDbContext>((sp, builder) =>
                {
                    var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                    builder.UseSqlite(SqliteConnectionStrings.Resolve(options, contentRoot(sp)))
                        .AddInterceptors(new SqlitePragmaInterceptor(options.SqliteSynchronous, options.SqliteCacheKiB));
                });
                services.TryAddSingleton<StoreMaintenance<SqliteCollabDocsDbContext>>();
                services.TryAddSingleton<IStoreMaintenance>(sp => sp.GetRequiredService<StoreMaintenance<SqliteCollabDocsDbContext>>());
                services.TryAddSingleton<IDocumentStore, EfDocumentStore<SqliteCollabDocsDbContext>>();
                services.TryAddSingleton<IStoreMigrator, StoreMigrator<SqliteCollabDocsDbContext>>();
                break;
            case StorageProvider.PostgreSql:
                services.AddPooledDbContextFactory<PostgreSqlCollabDocsDbContext>((sp, builder) =>
                    builder.UseNpgsql(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
                services.TryAddSingleton<StoreMaintenance<PostgreSqlCollabDocsDbContext>>();
                services.TryAddSingleton<IStoreMaintenance>(sp => sp.GetRequiredService<StoreMaintenance<PostgreSqlCollabDocsDbContext>>());
                services.TryAddSingleton<IDocumentStore, EfDocumentStore<PostgreSqlCollabDocsDbContext>>();
                services.TryAddSingleton<IStoreMigrator, StoreMigrator<PostgreSqlCollabDocsDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Storage provider {provider} is not available in this build.");
        }

        return services;
    }
}
