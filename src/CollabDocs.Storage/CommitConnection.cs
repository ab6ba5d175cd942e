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
    private const string MoveHeadSql =
        """UPDATE "Documents" SET "Revision" = @revision, "Length" = @length, "UpdatedAt" = @now WHERE "Id" = @id AND "Revision" = @expected""";

    private const string InsertOperationSql =
        """INSERT INTO "Operations" ("DocumentId", "Revision", "Operation", "ClientId", "Seq", "UserId", "Timestamp") VALUES (@id, @revision, @operation, @clientId, @seq, @userId, @timestamp)""";

    private const string InsertSubmissionSql =
        """INSERT INTO "Submissions" ("DocumentId", "ClientId", "Seq", "Revision", "OperationHash") VALUES (@id, @clientId, @seq, @revision, @hash)""";

    private const string InsertSnapshotSql =
        """INSERT INTO "Snapshots" ("DocumentId", "Revision", "Text", "Timestamp") VALUES (@id, @revision, @text, @timestamp)""";

    private readonly TContext _context;
    private readonly DbConnection _connection;
    private readonly MoveHeadCommand _move;
    private readonly InsertOperationCommand _operation;
    private readonly InsertSubmissionCommand _submission;
    private readonly InsertSnapshotCommand _snapshot;

    private CommitConnection(TContext context)
    {
        _context = context;
        _connection = context.Database.GetDbConnection();
        _move = new MoveHeadCommand(Command(MoveHeadSql));
        _operation = new InsertOperationCommand(Command(InsertOperationSql));
        _submission = new InsertSubmissionCommand(Command(InsertSubmissionSql));
        _snapshot = new InsertSnapshotCommand(Command(InsertSnapshotSql));
    }

    /// <summary>Opens a connection of a new context and prepares the commit statements on it.</summary>
    public static async Task<CommitConnection<TContext>> OpenAsync(IDbContextFactory<TContext> contextFactory, CancellationToken cancellationToken)
    {
        var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var connection = new CommitConnection<TContext>(context);
            await connection.PrepareAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await context.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Appends <paramref name="batch"/> in one transaction if the head is still where it expects.</summary>
    public async Task<CommitOutcome> CommitAsync(CommitBatch batch, long now, CancellationToken cancellationToken)
    {
        var transaction = await _connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                if (await _move.ExecuteAsync(transaction, batch, now, cancellationToken).ConfigureAwait(false) == 0)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    bool exists = await _context.Documents.AnyAsync(d => d.Id == batch.DocumentId, cancellationToken).ConfigureAwait(false);
                    return exists ? CommitOutcome.Conflict : CommitOutcome.DocumentMissing;
                }

                int revision = batch.ExpectedRevision;
                foreach (var item in batch.Operations)
                {
                    revision++;
                    await _operation.ExecuteAsync(transaction, batch.DocumentId, revision, item, cancellationToken).ConfigureAwait(false);
                    await _submission.ExecuteAsync(transaction, batch.DocumentId, revision, item, cancellationToken).ConfigureAwait(false);
                }

                if (batch.Snapshot is { } snapshot)
                {
                    await _snapshot.ExecuteAsync(transaction, batch.DocumentId, snapshot, now, cancellationToken).ConfigureAwait(false);
                }

                // The durability point in the store: after this COMMIT the batch survives a crash of the process
                // (SQLite WAL with synchronous=NORMAL; a power loss too with FULL, or with PostgreSQL's defaults).
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return CommitOutcome.Committed;
            }
            catch (DbException ex) when (_context.IsConstraintViolation(ex))
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                return CommitOutcome.Conflict;
            }
        }
    }

    /// <summary>Closes the connection (its context goes back to the context pool).</summary>
    public async ValueTask DisposeAsync()
    {
        await _move.Command.DisposeAsync().ConfigureAwait(false);
        await _operation.Command.DisposeAsync().ConfigureAwait(false);
        await _submission.Command.DisposeAsync().ConfigureAwait(false);
        await _snapshot.Command.DisposeAsync().ConfigureAwait(false);
        await _context.DisposeAsync().ConfigureAwait(false);
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _move.Command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await _operation.Command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await _submission.Command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await _snapshot.Command.PrepareAsync(cancellationToken).ConfigureAwait(false);
    }

    private DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static Task<int> ExecuteAsync(DbCommand command, DbTransaction transaction, CancellationToken cancellationToken)
    {
        command.Transaction = transaction;
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The parameters carry typed sample values so that providers which type them at preparation (Npgsql) see
    // the same types as every later execution.
    private sealed class MoveHeadCommand(DbCommand command)
    {
        private readonly DbParameter _revision = Add(command, "@revision", 0);
        private readonly DbParameter _length = Add(command, "@length", 0);
        private readonly DbParameter _now = Add(command, "@now", 0L);
        private readonly DbParameter _id = Add(command, "@id", string.Empty);
        private readonly DbParameter _expected = Add(command, "@expected", 0);

        public DbCommand Command => command;

        public Task<int> ExecuteAsync(DbTransaction transaction, CommitBatch batch, long now, CancellationToken cancellationToken)
        {
            _revision.Value = batch.ExpectedRevision + batch.Operations.Count;
            _length.Value = batch.NewLength;
            _now.Value = now;
            _id.Value = batch.DocumentId;
            _expected.Value = batch.ExpectedRevision;
            return CommitConnection<TContext>.ExecuteAsync(command, transaction, cancellationToken);
        }
    }

    private sealed class InsertOperationCommand(DbCommand command)
    {
        private readonly DbParameter _id = Add(command, "@id", string.Empty);
        private readonly DbParameter _revision = Add(command, "@revision", 0);
        private readonly DbParameter _operation = Add(command, "@operation", string.Empty);
        private readonly DbParameter _clientId = Add(command, "@clientId", string.Empty);
        private readonly DbParameter _seq = Add(command, "@seq", 0);
        private readonly DbParameter _userId = Add(command, "@userId", string.Empty);
        private readonly DbParameter _timestamp = Add(command, "@timestamp", 0L);

        public DbCommand Command => command;

        public Task<int> ExecuteAsync(DbTransaction transaction, string documentId, int revision, NewOperation item, CancellationToken cancellationToken)
        {
            _id.Value = documentId;
            _revision.Value = revision;
            _operation.Value = item.Operation.ToString();
            _clientId.Value = item.ClientId;
            _seq.Value = item.Seq;
            _userId.Value = item.UserId;
            _timestamp.Value = item.Timestamp;
            return CommitConnection<TContext>.ExecuteAsync(command, transaction, cancellationToken);
        }
    }

    private sealed class InsertSubmissionCommand(DbCommand command)
    {
        private readonly DbParameter _id = Add(command, "@id", string.Empty);
        private readonly DbParameter _clientId = Add(command, "@clientId", string.Empty);
        private readonly DbParameter _seq = Add(command, "@seq", 0);
        private readonly DbParameter _revision = Add(command, "@revision", 0);
        private readonly DbParameter _hash = Add(command, "@hash", 0L);

        public DbCommand Command => command;

        public Task<int> ExecuteAsync(DbTransaction transaction, string documentId, int revision, NewOperation item, CancellationToken cancellationToken)
        {
            _id.Value = documentId;
            _clientId.Value = item.ClientId;
            _seq.Value = item.Seq;
            _revision.Value = revision;
            _hash.Value = item.OperationHash;
            return CommitConnection<TContext>.ExecuteAsync(command, transaction, cancellationToken);
        }
    }

    private sealed class InsertSnapshotCommand(DbCommand command)
    {
        private readonly DbParameter _id = Add(command, "@id", string.Empty);
        private readonly DbParameter _revision = Add(command, "@revision", 0);
        private readonly DbParameter _text = Add(command, "@text", string.Empty);
        private readonly DbParameter _timestamp = Add(command, "@timestamp", 0L);

        public DbCommand Command => command;

        public Task<int> ExecuteAsync(DbTransaction transaction, string documentId, DocumentSnapshot snapshot, long now, CancellationToken cancellationToken)
        {
            _id.Value = documentId;
            _revision.Value = snapshot.Revision;
            _text.Value = snapshot.Text;
            _timestamp.Value = now;
            return CommitConnection<TContext>.ExecuteAsync(command, transaction, cancellationToken);
        }
    }
}
