using Microsoft.Data.Sqlite;

namespace CollabDocs.Storage.Sqlite;

/// <summary>
/// Builds the SQLite connection string from <see cref="StorageOptions"/>. What the connection string can say
/// is said there (<c>Pooling</c>, <c>Foreign Keys</c>); <see cref="SqlitePragmaInterceptor"/> sets only what it
/// cannot (WAL, <c>synchronous</c>, the native busy timeout).
/// </summary>
internal static class SqliteConnectionStrings
{
    public static string Resolve(StorageOptions options, string contentRoot)
    {
        SqliteConnectionStringBuilder builder;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        else
        {
            string folder = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
            Directory.CreateDirectory(folder);
            builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "collabdocs.db"), Pooling = true };
        }

        // Cascading deletes of a document's log, snapshots, submissions and roles depend on it.
        builder.ForeignKeys = true;
        return builder.ToString();
    }
}
