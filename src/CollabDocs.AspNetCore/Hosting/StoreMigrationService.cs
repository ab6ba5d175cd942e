using CollabDocs.Storage;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Hosting;

/// <summary>Applies EF Core migrations before the server starts listening (when enabled).</summary>
internal sealed class StoreMigrationService(IStoreMigrator migrator, IOptions<StorageOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStartup ? migrator.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
