namespace CollabDocs.Storage;

/// <summary>
/// What one maintenance pass did: the snapshot it wrote (null: none was due), how many snapshots,
/// operations and submission records it deleted, and the compaction floor afterwards (the oldest revision
/// whose text can still be rebuilt; operations after it are in the log).
/// </summary>
public sealed record MaintenanceResult(int Head, int? SnapshotWritten, int SnapshotsDeleted, int Floor, int OperationsDeleted, int SubmissionsDeleted);
