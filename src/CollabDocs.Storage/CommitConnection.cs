using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CollabDocs.Storage;

/// <summary>
/// A long-lived open connection with the commit statements prepared on it, used by one commit at a time
/// (<see cref="CommitConnectionPool{TContext}"/> hands it out). The connection comes from a context of its
/// own, opened through EF Core so the provider's interceptors run (SQLite's pragmas); each commit only
/// rebinds parameters. The SQL is plain enough for every provider the project supports.
/// After any exception other than a conflict the caller must dispose it: the connection may be broken.
/// </summary>
internal sealed class CommitConnection<TContext> : IAsyncDisposable
    where TContext : CollabDocsDbContext
{
    /// <summary>Batches up to this many operations run prepared statements (one per shape); larger ones are built per commit.</summary>
    public const int MaxPreparedOperations = 16;

    private readonly TContext _context;
    private readonly DbConnection _connection;
    private readonly WriteGate _gate;
    private readonly CommitStatement?[] _prepared = new CommitStatement?[2 * MaxPreparedOperations];

    private CommitConnection(TContext context)
    {
        _context = context;
        _connection = context.Database.GetDbConnection();
        _gate = context.WriteGate;
    }

    /// <summary>Opens a connection of a new context; the commit statements are prepared on it at first use.</summary>
    public static async Task<CommitConnection<TContext>> OpenAsync(IDbContextFactory<TContext> contextFactory, CancellationToken cancellationToken)
    {
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return new CommitConnection<TContext>(context);
        }
        catch
        {
            await context.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Appends <paramref name="batch"/> in one transaction if the head is still where it expects: BEGIN, one
    /// command (<see cref="CommitStatement"/>), COMMIT.
    /// </summary>
    public async Task<CommitOutcome> CommitAsync(CommitBatch batch, long now, CancellationToken cancellationToken)
    {
        var (statement, prepared) = await StatementAsync(batch, cancellationToken).ConfigureAwait(false);
        try
        {
            string[] operationJson = CommitStatement.OperationJson(batch);
            bool committed;
            using (await _gate.EnterAsync(Length(operationJson), cancellationToken).ConfigureAwait(false))
            {
                committed = await WriteAsync(statement, batch, operationJson, now, cancellationToken).ConfigureAwait(false);
            }

            return committed ? CommitOutcome.Committed : await ConflictOrMissingAsync(batch.DocumentId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            statement.Command.Transaction = null;
            if (!prepared)
            {
                await statement.Command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Closes the connection (its context goes back to the context pool).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var statement in _prepared)
        {
            if (statement is not null)
            {
                await statement.Command.DisposeAsync().ConfigureAwait(false);
            }
        }

        await _context.DisposeAsync().ConfigureAwait(false);
    }

    private static long Length(string[] texts)
    {
        long length = 0;
        foreach (string text in texts)
        {
            length += text.Length;
        }

        return length;
    }

    /// <summary>BEGIN, the statement, COMMIT; false (and rolled back) when the head had moved or a key was taken.</summary>
    private async Task<bool> WriteAsync(CommitStatement statement, CommitBatch batch, string[] operationJson, long now, CancellationToken cancellationToken)
    {
        var transaction = await _connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                statement.Bind(transaction, batch, operationJson, now);
                if (await statement.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != statement.ExpectedRows)
                {
                    // The head had moved (the UPDATE touched no row); the inserts, if any, are undone.
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                }

                // The durability point in the store: after this COMMIT the batch survives a crash of the process
                // (SQLite WAL with synchronous=NORMAL; a power loss too with FULL, or with PostgreSQL's defaults).
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DbException ex) when (_context.IsConstraintViolation(ex))
            {
                // A taken revision (unique key), or the log of a deleted document (foreign key).
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                return false;
            }
        }
    }

    private async Task<CommitOutcome> ConflictOrMissingAsync(string documentId, CancellationToken cancellationToken)
    {
        bool exists = await _context.Documents.AnyAsync(d => d.Id == documentId, cancellationToken).ConfigureAwait(false);
        return exists ? CommitOutcome.Conflict : CommitOutcome.DocumentMissing;
    }

    private async ValueTask<(CommitStatement Statement, bool Prepared)> StatementAsync(CommitBatch batch, CancellationToken cancellationToken)
    {
        int count = batch.Operations.Count;
        bool withSnapshot = batch.Snapshot is not null;
        if (count == 0 || count > MaxPreparedOperations)
        {
            return (new CommitStatement(_connection.CreateCommand(), count, withSnapshot), false);
        }

        int slot = ((count - 1) * 2) + (withSnapshot ? 1 : 0);
        if (_prepared[slot] is { } statement)
        {
            return (statement, true);
        }

        statement = new CommitStatement(_connection.CreateCommand(), count, withSnapshot);
        try
        {
            await statement.Command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await statement.Command.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _prepared[slot] = statement;
        return (statement, true);
    }
}
