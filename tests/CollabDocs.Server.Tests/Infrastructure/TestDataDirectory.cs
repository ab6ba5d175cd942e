using Microsoft.Data.Sqlite;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>A fresh temporary folder for one test's SQLite file, deleted afterwards.</summary>
public sealed class TestDataDirectory : IDisposable
{
    public TestDataDirectory()
    {
        Path = Directory.CreateTempSubdirectory("collabdocs-server-tests-").FullName;
    }

    /// <summary>The folder, passed as <c>CollabDocs:Storage:DataDirectory</c>.</summary>
    public string Path { get; }

    /// <summary>The database file the server creates in <see cref="Path"/>.</summary>
    public string DatabaseFile => System.IO.Path.Combine(Path, "collabdocs.db");

    /// <summary>A connection to the database, to look behind the server's back (e.g. that a delete is real).</summary>
    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        // The server's pooled connections keep the file open; close them before deleting.
        using (var pooled = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = true }.ToString()))
        {
            SqliteConnection.ClearPool(pooled);
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
