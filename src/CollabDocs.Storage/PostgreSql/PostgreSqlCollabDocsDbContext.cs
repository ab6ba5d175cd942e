using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CollabDocs.Storage.PostgreSql;

/// <summary>The schema on PostgreSQL, with its own migrations (Migrations/PostgreSql).</summary>
internal sealed class PostgreSqlCollabDocsDbContext(DbContextOptions<PostgreSqlCollabDocsDbContext> options) : CollabDocsDbContext(options)
{
    /// <summary>SQLSTATE unique_violation: the revision or the (client, seq) is taken.</summary>
    public const string UniqueViolation = "23505";

    /// <summary>SQLSTATE foreign_key_violation: the document was deleted under the writer.</summary>
    public const string ForeignKeyViolation = "23503";

    public override bool IsConstraintViolation(DbException exception) =>
        exception is PostgresException { SqlState: UniqueViolation or ForeignKeyViolation };
}
