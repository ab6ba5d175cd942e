namespace CollabDocs.Storage;

/// <summary>
/// The storage lifecycle of one document, off the commit path: writes a snapshot when the head is
/// <see cref="StorageOptions.SnapshotInterval"/> revisions past the latest, prunes snapshots, compacts the log
/// below the retention (<see cref="StorageOptions.RetainRevisions"/>, <see cref="StorageOptions.RetainAge"/>) and
/// prunes exactly-once records. The log stays the truth: a crash anywhere in it loses nothing.
/// </summary>
public interface IStoreMaintenance
{
    /// <summary>Runs one pass for <paramref name="documentId"/> now; null if the document does not exist.</summary>
    Task<MaintenanceResult?> MaintainAsync(string documentId, CancellationToken cancellationToken = default);
}
