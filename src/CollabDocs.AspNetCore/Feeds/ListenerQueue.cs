using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CollabDocs.Server.Feeds;

/// <summary>
/// Commits on their way to the <see cref="IDocumentCommitListener"/>s. Publishing never blocks: commits wait in a
/// bounded queue, and a commit that finds it full marks its document as behind instead. From then on that
/// document's commits only move the mark's latest revision, and <see cref="CommitListenerDispatcher"/> reads them
/// from the store (they are durable before they are published) until it has caught up. So every revision reaches
/// the listeners once and in order per document, however far they fall behind, with bounded memory.
/// </summary>
internal sealed class ListenerQueue(int capacity)
{
    private readonly Channel<CommittedOperation> _queue = Channel.CreateBounded<CommittedOperation>(
        new BoundedChannelOptions(Math.Max(1, capacity)) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly ConcurrentDictionary<string, Backlog> _behind = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ChannelReader<CommittedOperation> Reader => _queue.Reader;

    /// <summary>Called in commit order per document, after the commit is durable.</summary>
    public void Publish(CommittedOperation operation)
    {
        // TryWrite on a full queue (FullMode Wait) returns false at once.
        if (!_behind.ContainsKey(operation.DocumentId) && _queue.Writer.TryWrite(operation))
        {
            return;
        }

        lock (_gate)
        {
            if (_behind.TryGetValue(operation.DocumentId, out var backlog))
            {
                backlog.Latest = Math.Max(backlog.Latest, operation.Revision);
            }
            else if (!_queue.Writer.TryWrite(operation))
            {
                _behind[operation.DocumentId] = new Backlog(operation.Revision);
            }
        }
    }

    /// <summary>The documents marked as behind now.</summary>
    public IReadOnlyList<string> DocumentsBehind() => _behind.IsEmpty ? [] : [.. _behind.Keys];

    /// <summary>The first revision the listeners missed and the latest one published since, if the document is behind.</summary>
    public bool TryGetBacklog(string documentId, out int first, out int latest)
    {
        lock (_gate)
        {
            var found = _behind.TryGetValue(documentId, out var backlog);
            (first, latest) = found ? (backlog!.First, backlog.Latest) : (0, 0);
            return found;
        }
    }

    /// <summary>
    /// The listeners have every revision up to <paramref name="delivered"/>: true when that is the latest published
    /// (the mark is removed; later commits queue again), false with the new latest when more were published meanwhile.
    /// </summary>
    public bool TryFinish(string documentId, int delivered, out int latest)
    {
        lock (_gate)
        {
            if (!_behind.TryGetValue(documentId, out var backlog) || backlog.Latest <= delivered)
            {
                _behind.TryRemove(documentId, out _);
                latest = delivered;
                return true;
            }

            latest = backlog.Latest;
            return false;
        }
    }

    /// <summary>Gives up on a document (it was deleted): its mark is removed.</summary>
    public void Abandon(string documentId)
    {
        lock (_gate)
        {
            _behind.TryRemove(documentId, out _);
        }
    }

    private sealed class Backlog(int first)
    {
        public int First { get; } = first;

        public int Latest { get; set; } = first;
    }
}
