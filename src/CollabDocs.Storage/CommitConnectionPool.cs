using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace CollabDocs.Storage;

/// <summary>
/// The idle <see cref="CommitConnection{TContext}"/>s of a store. A commit takes one (opening a new one when
/// none is idle) and gives it back afterwards; at most <paramref name="maxIdle"/> stay open
/// (<see cref="StorageOptions.CommitConnections"/>), the rest are closed. The most recently used connection is
/// handed out first.
/// </summary>
internal sealed class CommitConnectionPool<TContext>(IDbContextFactory<TContext> contextFactory, int maxIdle) : IAsyncDisposable, IDisposable
    where TContext : CollabDocsDbContext
{
    private readonly ConcurrentStack<CommitConnection<TContext>> _idle = new();
    private int _idleCount;
    private long _opened;
    private volatile bool _disposed;

    /// <summary>
    /// Runs <paramref name="batch"/> on an idle connection. A connection that threw anything but a conflict
    /// (which <see cref="CommitConnection{TContext}.CommitAsync"/> turns into an outcome) is closed, not reused.
    /// </summary>
    public async Task<CommitOutcome> CommitAsync(CommitBatch batch, long now, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = _idle.TryPop(out var idle) ? Taken(idle) : await OpenAsync(cancellationToken).ConfigureAwait(false);
        CommitOutcome outcome;
        try
        {
            outcome = await connection.CommitAsync(batch, now, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await ReturnAsync(connection).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>How many connections commits have opened so far (a commit that found one idle opened none).</summary>
    public long Opened => Interlocked.Read(ref _opened);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await CloseIdleAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Task<CommitConnection<TContext>> OpenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opened);
        return CommitConnection<TContext>.OpenAsync(contextFactory, cancellationToken);
    }

    private CommitConnection<TContext> Taken(CommitConnection<TContext> connection)
    {
        Interlocked.Decrement(ref _idleCount);
        return connection;
    }

    private async ValueTask ReturnAsync(CommitConnection<TContext> connection)
    {
        if (Interlocked.Increment(ref _idleCount) <= maxIdle && !_disposed)
        {
            _idle.Push(connection);
            if (_disposed)
            {
                // Raced with DisposeAsync: nothing may stay open.
                await CloseIdleAsync().ConfigureAwait(false);
            }

            return;
        }

        Interlocked.Decrement(ref _idleCount);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task CloseIdleAsync()
    {
        while (_idle.TryPop(out var connection))
        {
            await Taken(connection).DisposeAsync().ConfigureAwait(false);
        }
    }
}
