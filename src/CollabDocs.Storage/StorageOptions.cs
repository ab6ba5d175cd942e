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

    /// <summary>
    /// A snapshot of the full text is written, off the commit path, once the head is this many revisions past
    /// the latest one (loading replays about this many operations).
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "CollabDocs:Storage:SnapshotInterval must be at least {1}.")]
    public int SnapshotInterval { get; set; } = 100;

    /// <summary>
    /// The newest snapshots always kept. Older ones are thinned to one per exponentially wider band of
    /// age (see <c>SnapshotRetention</c>), so a document keeps about this many plus log2(revisions /
    /// <see cref="SnapshotInterval"/>) snapshots whatever its age.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "CollabDocs:Storage:SnapshotsKept must be between {1} and {2}.")]
    public int SnapshotsKept { get; set; } = 2;

    /// <summary>
    /// Operations older than this many revisions behind the head may be compacted out of the log (0, the
    /// default: no limit by revisions). Time travel and catch-up then reach back at least this far.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "CollabDocs:Storage:RetainRevisions must not be negative.")]
    public int RetainRevisions { get; set; }

    /// <summary>
    /// Operations committed longer ago than this may be compacted out of the log (zero, the default: no
    /// limit by age). With <see cref="RetainRevisions"/> too, an operation goes only when both allow it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00", ErrorMessage = "CollabDocs:Storage:RetainAge must be between {1} and {2}.")]
    public TimeSpan RetainAge { get; set; }

    /// <summary>
    /// Exactly-once records of seqs committed more than this many revisions ago are dropped, except each
    /// client's highest seq, which is kept for as long as the document exists (so no seq at or below it can
    /// ever apply again). Records below the log's compaction floor go too.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "CollabDocs:Storage:RetainSubmissionRevisions must be at least {1}.")]
    public int RetainSubmissionRevisions { get; set; } = 10_000;

    /// <summary>
    /// Write snapshots, prune them and compact the log in the background after the commits that cross a
    /// <see cref="SnapshotInterval"/> boundary (never inside a commit). Off: only explicit
    /// <see cref="IStoreMaintenance.MaintainAsync"/> calls do it (tools, tests).
    /// </summary>
    public bool BackgroundMaintenance { get; set; } = true;

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

    /// <summary>
    /// The page cache of each pooled SQLite connection, in KiB (<c>PRAGMA cache_size</c>). SQLite's own default is
    /// 2,000 KiB per connection. The pool keeps a connection for every query that ran at the same time as others
    /// (reads, the commit, maintenance), and each cache fills as the database grows; pages it does not hold are read
    /// from the operating system's file cache. The pages a commit touches (the ends of the log's and the
    /// submissions' indexes) fit in far less. See BENCHMARKS.md, the soak.
    /// </summary>
    [Range(64, 1_048_576, ErrorMessage = "CollabDocs:Storage:SqliteCacheKiB must be between {1} and {2}.")]
    public int SqliteCacheKiB { get; set; } = 512;

    /// <summary>
    /// How many commit connections stay open between commits, each with its commit statements prepared. A commit
    /// that finds none idle opens one (for PostgreSQL a pooled connection, reset by Npgsql on every open: a round
    /// trip of six statements), and closes it afterwards if this many are already idle. A node commits for every
    /// document it owns at once, so this is the number of documents that commit at the same moment in a busy
    /// second; the connections come from the provider's pool either way (Npgsql's <c>Max Pool Size</c>, 100 by
    /// default), so keeping them costs no extra database connections. See BENCHMARKS.md, "PostgreSQL per edit, and the
    /// commit connections kept".
    /// </summary>
    [Range(1, 1024, ErrorMessage = "CollabDocs:Storage:CommitConnections must be between {1} and {2}.")]
    public int CommitConnections { get; set; } = 16;

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
