using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CollabDocs.Storage.Sqlite;

/// <summary>The schema on SQLite, with its own migrations (Migrations/Sqlite).</summary>
internal sealed class SqliteCollabDocsDbContext(DbContextOptions<SqliteCollabDocsDbContext> options) : CollabDocsDbContext(options)
{
    private const int SqliteConstraint = 19;

    private WriteGate? _writeGate;

    public override bool IsConstraintViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint };

    public override WriteGate WriteGate => _writeGate ??= WriteGate.ForDatabase(Database.GetConnectionString()!);
}
