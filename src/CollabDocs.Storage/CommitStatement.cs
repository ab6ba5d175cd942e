using System.Data.Common;
using System.Globalization;
using System.Text;

namespace CollabDocs.Storage;

/// <summary>
/// The whole commit of a batch of one shape (operation count, with or without a snapshot) as one command of
/// three or four statements: the conditional head move, one multi-row INSERT into the log, one into the
/// submissions, and the snapshot. SQLite runs them in one call, PostgreSQL in one round trip. The command's
/// row count is the sum over its statements, so <see cref="ExpectedRows"/> tells a moved head (the UPDATE
/// touched no row) from a commit. Plain SQL that every provider the project supports accepts.
/// </summary>
internal sealed class CommitStatement
{
    private readonly DbParameter _revision;
    private readonly DbParameter _length;
    private readonly DbParameter _now;
    private readonly DbParameter _id;
    private readonly DbParameter _expected;
    private readonly OperationParameters[] _operations;
    private readonly DbParameter? _snapshotRevision;
    private readonly DbParameter? _snapshotText;

    public CommitStatement(DbCommand command, int operationCount, bool withSnapshot)
    {
        Command = command;
        command.CommandText = Sql(operationCount, withSnapshot);
        // Typed sample values: providers that type parameters at preparation (Npgsql) see the later types.
        _revision = Add(command, "@revision", 0);
        _length = Add(command, "@length", 0);
        _now = Add(command, "@now", 0L);
        _id = Add(command, "@id", string.Empty);
        _expected = Add(command, "@expected", 0);
        _operations = new OperationParameters[operationCount];
        for (int i = 0; i < operationCount; i++)
        {
            _operations[i] = new OperationParameters(
                Add(command, P("r", i), 0),
                Add(command, P("o", i), string.Empty),
                Add(command, P("c", i), string.Empty),
                Add(command, P("s", i), 0),
                Add(command, P("u", i), string.Empty),
                Add(command, P("t", i), 0L),
                Add(command, P("h", i), 0L));
        }

        if (withSnapshot)
        {
            _snapshotRevision = Add(command, "@snapshotRevision", 0);
            _snapshotText = Add(command, "@snapshotText", string.Empty);
        }

        ExpectedRows = 1 + (2 * operationCount) + (withSnapshot ? 1 : 0);
    }

    public DbCommand Command { get; }

    /// <summary>The row count of a commit whose head move succeeded.</summary>
    public int ExpectedRows { get; }

    /// <summary>
    /// The operations' JSON, built before the commit takes its turn (<see cref="WriteGate"/>): a 1,000,000-character
    /// insert takes milliseconds to serialize, which other writers should not wait for.
    /// </summary>
    public static string[] OperationJson(CommitBatch batch)
    {
        var json = new string[batch.Operations.Count];
        for (int i = 0; i < json.Length; i++)
        {
            json[i] = batch.Operations[i].Operation.ToString();
        }

        return json;
    }

    public void Bind(DbTransaction transaction, CommitBatch batch, string[] operationJson, long now)
    {
        Command.Transaction = transaction;
        _revision.Value = batch.ExpectedRevision + batch.Operations.Count;
        _length.Value = batch.NewLength;
        _now.Value = now;
        _id.Value = batch.DocumentId;
        _expected.Value = batch.ExpectedRevision;
        for (int i = 0; i < _operations.Length; i++)
        {
            var item = batch.Operations[i];
            var parameters = _operations[i];
            parameters.Revision.Value = batch.ExpectedRevision + i + 1;
            parameters.Operation.Value = operationJson[i];
            parameters.ClientId.Value = item.ClientId;
            parameters.Seq.Value = item.Seq;
            parameters.UserId.Value = item.UserId;
            parameters.Timestamp.Value = item.Timestamp;
            parameters.Hash.Value = item.OperationHash;
        }

        if (batch.Snapshot is { } snapshot)
        {
            _snapshotRevision!.Value = snapshot.Revision;
            _snapshotText!.Value = snapshot.Text;
        }
    }

    private static string Sql(int operationCount, bool withSnapshot)
    {
        var sql = new StringBuilder(256 + (operationCount * 96));
        sql.Append("""UPDATE "Documents" SET "Revision" = @revision, "Length" = @length, "UpdatedAt" = @now WHERE "Id" = @id AND "Revision" = @expected;""");
        if (operationCount > 0)
        {
            AppendInserts(sql, operationCount);
        }

        if (withSnapshot)
        {
            sql.Append("""INSERT INTO "Snapshots" ("DocumentId", "Revision", "Text", "Timestamp") VALUES (@id, @snapshotRevision, @snapshotText, @now);""");
        }

        return sql.ToString();
    }

    private static void AppendInserts(StringBuilder sql, int operationCount)
    {
        sql.Append("""INSERT INTO "Operations" ("DocumentId", "Revision", "Operation", "ClientId", "Seq", "UserId", "Timestamp") VALUES """);
        for (int i = 0; i < operationCount; i++)
        {
            sql.Append(i == 0 ? "(" : ",(").Append(CultureInfo.InvariantCulture, $"@id,{P("r", i)},{P("o", i)},{P("c", i)},{P("s", i)},{P("u", i)},{P("t", i)})");
        }

        sql.Append(""";INSERT INTO "Submissions" ("DocumentId", "ClientId", "Seq", "Revision", "OperationHash") VALUES """);
        for (int i = 0; i < operationCount; i++)
        {
            sql.Append(i == 0 ? "(" : ",(").Append(CultureInfo.InvariantCulture, $"@id,{P("c", i)},{P("s", i)},{P("r", i)},{P("h", i)})");
        }

        sql.Append(';');
    }

    private static string P(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"@{prefix}{index}");

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private sealed record OperationParameters(
        DbParameter Revision, DbParameter Operation, DbParameter ClientId, DbParameter Seq, DbParameter UserId, DbParameter Timestamp, DbParameter Hash);
}
