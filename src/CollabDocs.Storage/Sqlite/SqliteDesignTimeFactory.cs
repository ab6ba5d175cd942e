using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CollabDocs.Storage.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteCollabDocsDbContext</c> build the context without the server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCollabDocsDbContext>
{
    public SqliteCollabDocsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCollabDocsDbContext>().UseSqlite("Data Source=design.db").Options);
}
