using System.Collections.Concurrent;
using CollabDocs.Ot.Authorship;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Feeds;
using CollabDocs.Storage;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Authorship;

/// <summary>
/// Who inserted what, per document: the first question about a document replays its log once into an
/// <see cref="AuthorshipMap"/>; from then on the map follows every commit (it is an
/// <see cref="IDocumentCommitListener"/>), so asking about the current revision costs about the number of
/// ranges, not the history. Past revisions start from the nearest kept copy (a checkpoint) and replay the
/// operations after it. Bounded: at most <see cref="AuthorshipOptions.MaxDocuments"/> documents.
/// </summary>
internal sealed class AuthorshipIndex(IDocumentStore store, IOptions<AuthorshipOptions> options, TimeProvider time) : IDocumentCommitListener
{
    private const int Page = 1000;
    private const int MaxCheckpoints = 32;

    private readonly ConcurrentDictionary<string, Entry> _documents = new(StringComparer.Ordinal);
    private readonly AuthorshipOptions _options = options.Value;

    /// <summary>The ranges of the text at <paramref name="revision"/> (the caller checked access and that the revision exists).</summary>
    public async Task<IReadOnlyList<AuthorshipRange>> GetRangesAsync(string documentId, int revision, CancellationToken cancellationToken = default)
    {
        var entry = _documents.GetOrAdd(documentId, _ => new Entry());
        entry.LastUsed = time.GetTimestamp();
        Evict();
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            entry.Head ??= await StartAsync(documentId, cancellationToken).ConfigureAwait(false);
            if (revision >= entry.Head.Revision)
            {
                await AdvanceAsync(documentId, entry, entry.Head, revision, cancellationToken).ConfigureAwait(false);
                return entry.Head.GetRanges();
            }

            var past = entry.Checkpoints.LastOrDefault(c => c.Key <= revision).Value is { } bytes
                ? AuthorshipMap.FromBytes(bytes)
                : await StartAsync(documentId, cancellationToken).ConfigureAwait(false);
            await AdvanceAsync(documentId, entry, past, revision, cancellationToken).ConfigureAwait(false);
            return past.GetRanges();
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Keeps a known document's map at the head as operations commit.</summary>
    public async ValueTask OnCommittedAsync(CommittedOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!_documents.TryGetValue(operation.DocumentId, out var entry))
        {
            return;
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Anything but the next revision (a gap, another node's commit) is read from the log on the next question.
            if (entry.Head is { } head && head.Revision == operation.Revision - 1)
            {
                head.Apply(operation.Operation, operation.UserId, operation.Revision, operation.Timestamp);
                Checkpoint(entry, head);
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Revision 0: the initial text, by the document's creator.</summary>
    private async Task<AuthorshipMap> StartAsync(string documentId, CancellationToken cancellationToken)
    {
        var info = await store.GetAsync(documentId, cancellationToken).ConfigureAwait(false) ?? throw CollabException.NotFound(documentId);
        var initial = await store.GetSnapshotAsync(documentId, 0, cancellationToken).ConfigureAwait(false);
        if (initial is null || initial.Revision != 0)
        {
            throw new CollabException(ErrorCodes.Unavailable, $"The initial text of document '{documentId}' is not stored.");
        }

        return new AuthorshipMap(initial.Text.Length, info.CreatedBy, 0, info.CreatedAt);
    }

    private async Task AdvanceAsync(string documentId, Entry entry, AuthorshipMap map, int revision, CancellationToken cancellationToken)
    {
        while (map.Revision < revision)
        {
            var operations = await store.GetOperationsAsync(documentId, map.Revision, revision, Page, cancellationToken).ConfigureAwait(false);
            if (operations.Count == 0)
            {
                throw new CollabException(ErrorCodes.Unavailable, $"The log of document '{documentId}' has no operation after revision {map.Revision}.");
            }

            foreach (var operation in operations)
            {
                map.Apply(operation.Operation, operation.UserId, operation.Revision, operation.Timestamp);
                Checkpoint(entry, map);
            }
        }
    }

    /// <summary>Keeps a copy every <see cref="AuthorshipOptions.CheckpointInterval"/> revisions, spaced wider as the history grows.</summary>
    private void Checkpoint(Entry entry, AuthorshipMap map)
    {
        int last = entry.Checkpoints.Count == 0 ? 0 : entry.Checkpoints.Keys[^1];
        int spacing = Math.Max(_options.CheckpointInterval, map.Revision / MaxCheckpoints);
        if (map.Revision - last < spacing || map.Revision % _options.CheckpointInterval != 0)
        {
            return;
        }

        entry.Checkpoints[map.Revision] = map.ToBytes();
        if (entry.Checkpoints.Count > MaxCheckpoints)
        {
            // Thin out: drop every second checkpoint, keeping the latest.
            for (int i = entry.Checkpoints.Count - 2; i >= 0; i -= 2)
            {
                entry.Checkpoints.RemoveAt(i);
            }
        }
    }

    private void Evict()
    {
        while (_documents.Count > _options.MaxDocuments)
        {
            var oldest = _documents.MinBy(d => d.Value.LastUsed);
            _documents.TryRemove(oldest);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public AuthorshipMap? Head { get; set; }

        public SortedList<int, byte[]> Checkpoints { get; } = [];

        public long LastUsed { get; set; }
    }
}
