using CollabDocs.Storage;
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
    /// Adds <see cref="IDocumentStore"/> for the provider in <see cref="StorageOptions"/>, plus
    /// <see cref="IStoreMigrator"/>. <paramref name="contentRoot"/> resolves a relative data folder.
    /// </summary>
    public static IServiceCollection AddCollabDocsStorage(this IServiceCollection services, StorageOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Options.Options.Create(options));
        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                string connectionString = SqliteConnectionStrings.Resolve(options, contentRoot);
                var interceptor = new SqlitePragmaInterceptor(options.SqliteSynchronous);
                services.AddPooledDbContextFactory<SqliteCollabDocsDbContext>(builder => builder
                    .UseSqlite(connectionString)
                    .AddInterceptors(interceptor));
                services.TryAddSingleton<IDocumentStore, EfDocumentStore<SqliteCollabDocsDbContext>>();
                services.TryAddSingleton<IStoreMigrator, StoreMigrator<SqliteCollabDocsDbContext>>();
                break;
            case StorageProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException($"{StorageOptions.SectionName}:ConnectionString is required when the provider is {StorageProvider.PostgreSql}.");
                }

                string postgres = options.ConnectionString;
                services.AddPooledDbContextFactory<PostgreSqlCollabDocsDbContext>(builder => builder.UseNpgsql(postgres));
                services.TryAddSingleton<IDocumentStore, EfDocumentStore<PostgreSqlCollabDocsDbContext>>();
                services.TryAddSingleton<IStoreMigrator, StoreMigrator<PostgreSqlCollabDocsDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Storage provider {options.Provider} is not available in this build.");
        }

        return services;
    }
}
