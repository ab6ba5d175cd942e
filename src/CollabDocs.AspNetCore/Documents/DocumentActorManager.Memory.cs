using CollabDocs.Protocol;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Documents;

/// <summary>
/// The memory budget of open documents (<see cref="DocumentOptions.MaxResidentBytes"/>): a document is loaded only
/// when it fits, after dropping documents nobody is joined to (least recently used first); otherwise the request
/// that would load it is refused with <c>unavailable</c>. A joined document, or one with work queued, is never dropped.
/// </summary>
internal sealed partial class DocumentActorManager
{
    /// <summary>What a refused load tells the client to wait: documents free up as their last subscribers leave.</summary>
    internal static readonly TimeSpan RefusalRetryAfter = TimeSpan.FromSeconds(5);

    // Loads (and the evictions that make room for them) one at a time, so two cannot both take the last room.
    private readonly SemaphoreSlim _admission = new(1, 1);

    /// <summary>Approximate bytes the open documents of this node hold (<see cref="ResidentMemory"/>).</summary>
    public long ResidentBytes => _resident.Bytes;

    /// <summary>The document's actor, created once it fits in the budget (counted from the start at its expected size).</summary>
    private async Task<DocumentActor> AdmitAsync(string documentId)
    {
        long expected = await ExpectedBytesAsync(documentId).ConfigureAwait(false);
        await _admission.WaitAsync(_stopping.Token).ConfigureAwait(false);
        try
        {
            if (_actors.TryGetValue(documentId, out var actor))
            {
                return actor;
            }

            await MakeRoomAsync(expected).ConfigureAwait(false);
            if (_resident.Bytes + expected > _options.MaxResidentBytes)
            {
                DocumentActorLog.LoadRefused(_logger, documentId, expected, _resident.Bytes, _actors.Count);
                throw new CollabException(
                    ErrorCodes.Unavailable,
                    $"This node holds as many open documents as its memory budget allows; document '{documentId}' was not opened and nothing was changed. Retry later.")
                {
                    RetryAfter = RefusalRetryAfter,
                };
            }

            return _actors.GetOrAdd(documentId, id => Create(id, expected));
        }
        finally
        {
            _admission.Release();
        }
    }

    /// <summary>
    /// What the document will hold once loaded and read: its text twice (the text and the copy kept for join replies).
    /// Its history is counted once loaded. A document that does not exist costs nothing (its load fails).
    /// </summary>
    private async Task<long> ExpectedBytesAsync(string documentId)
    {
        try
        {
            var head = await _store.GetAsync(documentId, _stopping.Token).ConfigureAwait(false);
            return head is null ? 0 : 4L * head.Length;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            throw new CollabException(ErrorCodes.Unavailable, "The document store is unavailable; nothing was changed. Retry later.", ex);
        }
    }

    /// <summary>Drops documents nobody is joined to and nothing is queued on, least recently used first, until <paramref name="needed"/> bytes fit.</summary>
    private async Task MakeRoomAsync(long needed)
    {
        if (_resident.Bytes + needed <= _options.MaxResidentBytes)
        {
            return;
        }

        var candidates = _actors
            .Where(pair => !pair.Value.IsBusy && Subscriptions.CountOf(pair.Key) == 0)
            .OrderByDescending(pair => pair.Value.IdleTime)
            .ToList();
        foreach (var (documentId, actor) in candidates)
        {
            if (_resident.Bytes + needed <= _options.MaxResidentBytes)
            {
                return;
            }

            if (!_actors.TryRemove(new KeyValuePair<string, DocumentActor>(documentId, actor)))
            {
                continue;
            }

            // Joined or given work since it was picked: it stays (nothing else creates actors while the admission is held).
            if (Subscriptions.CountOf(documentId) > 0 || actor.IsBusy)
            {
                _actors.TryAdd(documentId, actor);
                continue;
            }

            long bytes = actor.ResidentBytes;
            await actor.DisposeAsync().ConfigureAwait(false);
            DocumentActorLog.Evicted(_logger, documentId, bytes);
        }
    }
}
