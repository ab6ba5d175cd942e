using System.Numerics;

namespace CollabDocs.Storage.Lifecycle;

/// <summary>
/// Which snapshots a document keeps: the <see cref="StorageOptions.SnapshotsKept"/> newest; the one at the
/// log's compaction floor (the oldest retained revision is rebuilt from it); with a retention by revisions
/// (<see cref="StorageOptions.RetainRevisions"/>), one per slot of a quarter of the window above the floor,
/// so that each later floor finds one close below its limit (the log then holds at most the window plus a
/// slot plus an interval); otherwise one per band of age [2^k, 2^(k+1)) × <see cref="StorageOptions.SnapshotInterval"/>.
/// In a slot or band the oldest is kept, so a kept snapshot stays kept until it leaves it. Every snapshot
/// below the floor goes.
/// </summary>
internal static class SnapshotRetention
{
    /// <summary>The revisions of <paramref name="revisions"/> (ascending) to delete.</summary>
    public static List<int> ToDelete(IReadOnlyList<int> revisions, int head, int floor, StorageOptions options)
    {
        int interval = options.SnapshotInterval;
        int window = options.RetainRevisions;
        int slot = Math.Max(interval, window / 4);
        var delete = new List<int>();
        int newest = revisions.Count - options.SnapshotsKept;
        long last = long.MinValue;
        for (int i = 0; i < revisions.Count; i++)
        {
            int revision = revisions[i];

            // Slots are aligned on revisions (a snapshot never changes slot); bands on age (negative keys).
            long key = window > 0
                ? revision / slot
                : -1 - BitOperations.Log2((uint)Math.Max(1, (head - revision) / interval));
            if (revision < floor)
            {
                delete.Add(revision);
            }
            else if (revision == floor || i >= newest || key != last)
            {
                last = key;
            }
            else
            {
                delete.Add(revision);
            }
        }

        return delete;
    }
}
