using Microsoft.Extensions.Logging;

namespace CollabDocs.Storage.Lifecycle;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4001, EventName = "StoreMaintained", Level = LogLevel.Debug,
        Message = "Maintained document {DocumentId} at revision {Revision}: snapshot written at {SnapshotRevision} (-1: none), {SnapshotsDeleted} snapshots deleted, floor {Floor}, {OperationsDeleted} operations and {SubmissionsDeleted} submission records deleted")]
    public static partial void Maintained(ILogger logger, string documentId, int revision, int snapshotRevision, int snapshotsDeleted, int floor, int operationsDeleted, int submissionsDeleted);

    [LoggerMessage(EventId = 4002, EventName = "StoreMaintenanceFailed", Level = LogLevel.Warning,
        Message = "Maintenance of document {DocumentId} failed; it is retried at the next snapshot boundary")]
    public static partial void MaintenanceFailed(ILogger logger, string documentId, Exception exception);
}
