namespace CollabDocs.Storage;

/// <summary>Where and how documents are stored. Bound from the <c>CollabDocs:Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "CollabDocs:Storage";

    /// <summary><c>Sqlite</c> (default, embedded) or <c>PostgreSql</c> (shared by several nodes).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The provider's connection string. For SQLite, empty means <c>collabdocs.db</c> in
    /// <see cref="DataDirectory"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file, relative to the content root unless absolute.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A snapshot of the full text is written every this many revisions (loading replays at most this many operations).</summary>
    public int SnapshotInterval { get; set; } = 100;

    /// <summary>
    /// SQLite's <c>synchronous</c> setting, in WAL mode. <c>Full</c> (default): an acknowledged operation
    /// survives a process crash and a power loss (the WAL is fsynced at every commit; group commit shares
    /// one fsync among all operations queued for a document). <c>Normal</c>: it survives a process crash,
    /// but a power loss or OS crash may lose the last commits before a checkpoint.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

/// <summary>Which database holds the documents.</summary>
public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>SQLite <c>PRAGMA synchronous</c> values that keep WAL mode durable across a process crash.</summary>
public enum SqliteSynchronous
{
    Normal,
    Full,
}
