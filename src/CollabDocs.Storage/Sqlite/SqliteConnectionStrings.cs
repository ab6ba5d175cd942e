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
            string file = Path.Combine(folder, "collabdocs.db");
            CreatePrivate(folder, file);
            builder = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true };
        }

        // Cascading deletes of a document's log, snapshots, submissions and roles depend on it.
        builder.ForeignKeys = true;
        return builder.ToString();
    }

    /// <summary>
    /// Creates the folder (0700) and an empty database file (0600) on Unix unless they exist: SQLite creates its
    /// <c>-wal</c> and <c>-shm</c> files with the database file's permissions, so nobody else can read the documents.
    /// </summary>
    private static void CreatePrivate(string folder, string file)
    {
        DataFolder.CreatePrivate(folder);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var created = new FileStream(file, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(file))
        {
            // An existing database keeps the permissions its operator gave it.
            return;
        }

        // A database already in WAL mode: EF Core first opens an existing file read-only, where switching an
        // empty file to WAL (SqlitePragmaInterceptor) would fail.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        wal.ExecuteNonQuery();
    }
}
