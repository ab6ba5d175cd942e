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
        await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
