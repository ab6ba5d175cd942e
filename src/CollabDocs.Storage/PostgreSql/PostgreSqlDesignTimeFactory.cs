using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CollabDocs.Storage.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add … --context PostgreSqlCollabDocsDbContext</c> build the context without
/// the server. Scaffolding needs no database; the connection string is never opened.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlCollabDocsDbContext>
{
    public PostgreSqlCollabDocsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlCollabDocsDbContext>().UseNpgsql("Host=localhost;Database=collabdocs_design").Options);
}
