using Microsoft.EntityFrameworkCore;

namespace CollabDocs.Storage;

/// <summary>Brings the database schema up to date (EF Core migrations).</summary>
public interface IStoreMigrator
{
    Task MigrateAsync(CancellationToken cancellationToken = default);
}

internal sealed class StoreMigrator<TContext>(IDbContextFactory<TContext> contextFactory) : IStoreMigrator
    where TContext : CollabDocsDbContext
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (context is PostgreSql.PostgreSqlCollabDocsDbContext)
        {
            // Nodes of a cluster start together: one migrates at a time (docs/cluster.md, MigrateOnStartup).
            await PostgreSql.PostgreSqlMigrationLock.RunAsync(context.Database.GetConnectionString()!, () => context.Database.MigrateAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            return;
        }

        await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
