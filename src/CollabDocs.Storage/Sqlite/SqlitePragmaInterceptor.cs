using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabDocs.Storage.Sqlite;

/// <summary>
/// Sets the per-connection pragmas no connection-string keyword covers: WAL journal, the configured
/// <c>synchronous</c> level, SQLite's own busy handler timeout (another process may hold the write lock;
/// the provider's <c>Default Timeout</c> is a command timeout, not SQLite's busy handler), the automatic checkpoint
/// only as a backstop at 4,000 pages (<see cref="WalCheckpointer"/> runs them off the commit path well before) and a
/// log truncated back to 16 MiB when it restarts, and the configured page cache (<see cref="StorageOptions.SqliteCacheKiB"/>).
/// Foreign keys are on through the
/// connection string (<see cref="SqliteConnectionStrings"/>). Pooled connections keep their native handle,
/// so this runs once per physical connection, not on every open.
/// </summary>
internal sealed class SqlitePragmaInterceptor(SqliteSynchronous synchronous, int cacheKiB) : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<object, object> _configured = [];
    private readonly string _pragmas =
        $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()}; PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = 4000; PRAGMA journal_size_limit = 16777216; PRAGMA cache_size = -{cacheKiB};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = _pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private bool NeedsPragmas(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle })
        {
            return true;
        }

        return _configured.TryAdd(handle, handle);
    }
}
