using System.Collections.Concurrent;
using CollabDocs.Ot.Authorship;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Feeds;
using CollabDocs.Storage;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Authorship;

/// <summary>
/// Who inserted what, per document. The store keeps each snapshot's authorship (written with it, off the commit
/// path), so the first question about a document starts from the latest such snapshot at or before the revision
/// asked and replays only the log after it; from then on the map follows every commit (it is an
/// <see cref="IDocumentCommitListener"/>), so asking about the current revision costs about the number of ranges,
/// not the history. Past revisions start from the nearest of an in-memory copy (a checkpoint) and the stored
/// snapshots. Below the compacted log the answer is <c>revision_too_old</c>, as for the text; where the retained
/// snapshots predate kept authorship and the log no longer reaches revision 0, <c>authorship_unavailable</c>.
/// Bounded: at most <see cref="AuthorshipOptions.MaxDocuments"/> documents.
/// </summary>
internal sealed class AuthorshipIndex(IDocumentStore store, IOptions<AuthorshipOptions> options, TimeProvider time) : IDocumentCommitListener
{
    private const int Page = 1000;
    private const int MaxCheckpoints = 32;
    private const int Attempts = 3;

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
            if (entry.Head is null || revision >= entry.Head.Revision)
            {
                // The head map moves forward in place; the stored snapshots are read only when there is none, when it is far
                // behind (commits of other nodes) or when the log behind it is gone.
                bool fromStore = entry.Head is null || revision - entry.Head.Revision > Page;
                entry.Head = await BuildAsync(documentId, entry, entry.Head, revision, fromStore, cancellationToken).ConfigureAwait(false);
                return entry.Head.GetRanges();
            }

            var checkpoint = entry.Checkpoints.LastOrDefault(c => c.Key <= revision).Value is { } bytes ? AuthorshipMap.FromBytes(bytes) : null;
            var past = await BuildAsync(documentId, entry, checkpoint, revision, fromStore: true, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The map at <paramref name="revision"/>: from <paramref name="candidate"/> (in memory, at or before it) or, when
    /// <paramref name="fromStore"/> and newer, the latest stored snapshot's authorship, then the log after it. When the
    /// log behind the start was compacted meanwhile, starts again from the store.
    /// </summary>
    private async Task<AuthorshipMap> BuildAsync(string documentId, Entry entry, AuthorshipMap? candidate, int revision, bool fromStore, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            var start = candidate;
            if (fromStore)
            {
                var stored = await store.GetAuthorshipSnapshotAsync(documentId, revision, cancellationToken).ConfigureAwait(false);
                if (stored is null)
                {
                    // No stored authorship at or before the revision: the retained snapshots predate it, or the revision was compacted.
                    start = await StartAsync(documentId, revision, candidate, cancellationToken).ConfigureAwait(false);
                }
                else if (start is null || stored.Revision > start.Revision)
                {
                    start = Read(documentId, stored);
                }
            }

            if (start is null)
            {
                throw new InvalidOperationException("The head path always has a map or reads the store.");
            }

            try
            {
                await AdvanceAsync(documentId, entry, start, revision, cancellationToken).ConfigureAwait(false);
                return start;
            }
            catch (RevisionCompactedException ex)
            {
                if (revision < ex.Floor)
                {
                    throw TooOld(documentId, revision);
                }

                if (attempt == Attempts)
                {
                    throw new CollabException(ErrorCodes.Unavailable, $"The log of document '{documentId}' kept being compacted while its authorship was read; try again.", ex);
                }

                candidate = null;
                fromStore = true;
            }
        }
    }

    /// <summary>
    /// When the log still reaches back to revision 0 (its snapshot is kept): <paramref name="candidate"/>, or the
    /// initial text by the document's creator. Otherwise the revision is below the compacted log, or the retained
    /// snapshots carry no authorship.
    /// </summary>
    private async Task<AuthorshipMap> StartAsync(string documentId, int revision, AuthorshipMap? candidate, CancellationToken cancellationToken)
    {
        var info = await store.GetAsync(documentId, cancellationToken).ConfigureAwait(false) ?? throw CollabException.NotFound(documentId);
        if (await store.GetSnapshotAsync(documentId, 0, cancellationToken).ConfigureAwait(false) is { Revision: 0 } initial)
        {
            return candidate ?? new AuthorshipMap(initial.Text.Length, info.CreatedBy, 0, info.CreatedAt);
        }

        if (await store.GetSnapshotAsync(documentId, revision, cancellationToken).ConfigureAwait(false) is null)
        {
            throw TooOld(documentId, revision);
        }

        throw new CollabException(
            ErrorCodes.AuthorshipUnavailable,
            $"The authorship of document '{documentId}' at revision {revision} is not kept: its retained snapshots were written before authorship was stored with them, and the log before them was compacted.");
    }

    private static AuthorshipMap Read(string documentId, AuthorshipSnapshot stored)
    {
        try
        {
            return AuthorshipMap.FromBytes(stored.Authorship);
        }
        catch (InvalidDataException ex)
        {
            throw new CollabException(ErrorCodes.AuthorshipUnavailable, $"The authorship stored with revision {stored.Revision} of document '{documentId}' cannot be read.", ex);
        }
    }

    private static CollabException TooOld(string documentId, int revision) =>
        new(ErrorCodes.RevisionTooOld, $"Revision {revision} is older than the retained history of document '{documentId}'.");

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
