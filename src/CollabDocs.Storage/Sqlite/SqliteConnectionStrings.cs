using Microsoft.Data.Sqlite;

namespace CollabDocs.Storage.Sqlite;

/// <summary>Builds the SQLite connection string from <see cref="StorageOptions"/>.</summary>
internal static class SqliteConnectionStrings
{
    public static string Resolve(StorageOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        string folder = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "collabdocs.db"),
            Pooling = true,
        }.ToString();
    }
}
