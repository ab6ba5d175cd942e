namespace CollabDocs.Storage.Lifecycle;

/// <summary>
/// The text and authorship of the last snapshot this node wrote, for a few documents, so that the next pass goes on
/// from memory instead of reading that snapshot back and decoding its authorship (which costs about what encoding
/// it did). An entry is used only for the very snapshot it was written as (revision and timestamp: a snapshot another
/// node wrote, or a document deleted and created again, is read from the store) and is taken out while in use.
/// Bounded by weight (characters plus authorship runs). When a new entry does not fit, the least recently kept make room
/// only if they have not been kept for <paramref name="idle"/>; otherwise the new entry is not kept. With more busy
/// documents than fit, evicting the least recently kept would make every pass miss (each document's pass comes round
/// after all the others'): this way the documents already kept go on hitting, and a document that went quiet leaves.
/// </summary>
internal sealed class SnapshotCarry(long budget, TimeProvider time, TimeSpan idle)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _order = new();
    private long _weight;

    public SnapshotOrigin? Take(string documentId, SnapshotStamp stamp)
    {
        lock (_entries)
        {
            if (!_entries.Remove(documentId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            _weight -= node.Value.Weight;
            return node.Value.Stamp == stamp ? node.Value.Origin : null;
        }
    }

    /// <summary>Keeps <paramref name="origin"/> (which must carry authorship) as the snapshot written at <paramref name="stamp"/>.</summary>
    public void Keep(string documentId, SnapshotStamp stamp, SnapshotOrigin origin)
    {
        long weight = origin.Text.Length + (long)(origin.Authorship?.RunCount ?? 0);
        lock (_entries)
        {
            if (_entries.Remove(documentId, out var old))
            {
                _order.Remove(old);
                _weight -= old.Value.Weight;
            }

            if (weight > budget)
            {
                return;
            }

            long now = time.GetTimestamp();
            while (_weight + weight > budget)
            {
                var oldest = _order.First!;
                if (time.GetElapsedTime(oldest.Value.KeptAt, now) < idle)
                {
                    return;
                }

                _order.RemoveFirst();
                _entries.Remove(oldest.Value.DocumentId);
                _weight -= oldest.Value.Weight;
            }

            _entries[documentId] = _order.AddLast(new Entry(documentId, stamp, origin, weight, now));
            _weight += weight;
        }
    }

    private sealed record Entry(string DocumentId, SnapshotStamp Stamp, SnapshotOrigin Origin, long Weight, long KeptAt);
}
