namespace CollabDocs.Storage;

/// <summary>The data folder (the SQLite database, the development signing key): private to the server's user on Unix.</summary>
internal static class DataFolder
{
    /// <summary>Creates <paramref name="folder"/> (0700 on Unix) unless it exists; an existing folder keeps its permissions.</summary>
    public static void CreatePrivate(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
