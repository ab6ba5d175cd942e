namespace CollabDocs.Storage.Lifecycle;

/// <summary>A snapshot's revision and when it was written (ms since the Unix epoch), without its text.</summary>
internal readonly record struct SnapshotStamp(int Revision, long Timestamp);
