namespace CollabDocs.Storage.Lifecycle;

/// <summary>
/// Where the operation log may be cut: the newest snapshot that both retention limits allow
/// (<see cref="StorageOptions.RetainRevisions"/>, <see cref="StorageOptions.RetainAge"/>). The cut is always at
/// a snapshot, so every revision from the floor up can be rebuilt; operations at or below the floor go.
/// </summary>
internal static class LogRetention
{
    /// <summary>The compaction floor, given the document's snapshots (ascending by revision); the oldest snapshot when nothing may go.</summary>
    public static int Floor(IReadOnlyList<SnapshotStamp> snapshots, int head, long now, StorageOptions options)
    {
        int floor = snapshots[0].Revision;
        if (options.RetainRevisions == 0 && options.RetainAge == TimeSpan.Zero)
        {
            return floor;
        }

        long byRevisions = options.RetainRevisions == 0 ? long.MaxValue : (long)head - options.RetainRevisions;

        // A snapshot is written after the operation it includes, so every operation at or below it is at least as old.
        long cutoff = options.RetainAge == TimeSpan.Zero ? long.MaxValue : now - (long)options.RetainAge.TotalMilliseconds;
        foreach (var snapshot in snapshots)
        {
            if (snapshot.Revision <= byRevisions && snapshot.Timestamp <= cutoff)
            {
                floor = Math.Max(floor, snapshot.Revision);
            }
        }

        return floor;
    }
}
