using System.ComponentModel.DataAnnotations;

namespace CollabDocs.Storage;

/// <summary>Where and how documents are stored. Bound from the <c>CollabDocs:Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "CollabDocs:Storage";

    /// <summary><c>Sqlite</c> (default, embedded) or <c>PostgreSql</c> (shared by several nodes).</summary>
    [EnumDataType(typeof(StorageProvider), ErrorMessage = "CollabDocs:Storage:Provider must be Sqlite or PostgreSql.")]
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The provider's connection string. For SQLite, empty means <c>collabdocs.db</c> in
    /// <see cref="DataDirectory"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file, relative to the content root unless absolute.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "CollabDocs:Storage:DataDirectory must not be empty.")]
    public string DataDirectory { get; set; } = "data";

    /// <summary>A snapshot of the full text is written every this many revisions (loading replays at most this many operations).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "CollabDocs:Storage:SnapshotInterval must be at least {1}.")]
    public int SnapshotInterval { get; set; } = 100;

    /// <summary>
    /// SQLite's <c>synchronous</c> setting (the database is always in WAL mode).
    /// <c>Normal</c> (default): a commit is written to the WAL before the acknowledgement, so every
    /// acknowledged operation survives a crash or kill of the server process; an OS crash or power loss
    /// may lose the commits since the last WAL checkpoint (never corrupting the database).
    /// <c>Full</c>: the WAL is also fsynced at every commit, so acknowledged operations survive a power
    /// loss too; group commit shares one fsync among all operations queued for a document, but each
    /// commit then waits for the disk (about 3.5 ms on the CI machine; see BENCHMARKS.md).
    /// </summary>
    [EnumDataType(typeof(SqliteSynchronous), ErrorMessage = "CollabDocs:Storage:SqliteSynchronous must be Normal or Full.")]
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;

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
