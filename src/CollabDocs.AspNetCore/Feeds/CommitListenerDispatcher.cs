using CollabDocs.Storage;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Feeds;

/// <summary>
/// Calls the <see cref="IDocumentCommitListener"/>s with each commit, off every document's commit path: from the
/// <see cref="ListenerQueue"/>, and for a document marked as behind, from the store's log (see there).
/// </summary>
internal sealed partial class CommitListenerDispatcher(
    CommitNotifier notifier,
    IEnumerable<IDocumentCommitListener> listeners,
    IDocumentStore store,
    TimeProvider time,
    ILogger<CommitListenerDispatcher> logger) : BackgroundService
{
    private const int PageSize = 1000;
    private static readonly TimeSpan StoreRetryDelay = TimeSpan.FromSeconds(1);

    private readonly IDocumentCommitListener[] _listeners = [.. listeners];
    private readonly ListenerQueue _queue = notifier.Listeners;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listeners.Length == 0)
        {
            return;
        }

        try
        {
            while (true)
            {
                // The marks first, then drain: a document's commits queued before its mark are all delivered
                // (the queue was empty after the mark) before its log is read, so the order holds.
                var behind = _queue.DocumentsBehind();
                while (_queue.Reader.TryRead(out var operation))
                {
                    await DeliverAsync(operation, stoppingToken).ConfigureAwait(false);
                }

                foreach (string documentId in behind)
                {
                    await CatchUpAsync(documentId, stoppingToken).ConfigureAwait(false);
                }

                // A mark made while draining is caught up in the next round. One made after this check found the
                // queue full, so the wait returns at once.
                if (behind.Count == 0 && _queue.DocumentsBehind().Count == 0
                    && !await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Delivers a document's missed revisions from the log, until no more were published meanwhile.</summary>
    private async Task CatchUpAsync(string documentId, CancellationToken ct)
    {
        if (!_queue.TryGetBacklog(documentId, out int next, out int latest))
        {
            return;
        }

        do
        {
            while (next <= latest)
            {
                IReadOnlyList<StoredOperation> page;
                try
                {
                    page = await store.GetOperationsAsync(documentId, next - 1, latest, PageSize, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    StoreFailed(logger, documentId, next, ex);
                    await Task.Delay(StoreRetryDelay, time, ct).ConfigureAwait(false);
                    continue;
                }

                if (page.Count == 0)
                {
                    // Deleted meanwhile: there is nothing more to tell.
                    DocumentGone(logger, documentId, next);
                    _queue.Abandon(documentId);
                    return;
                }

                foreach (var stored in page)
                {
                    await DeliverAsync(new CommittedOperation(documentId, stored.Revision, stored.Operation, stored.ClientId, stored.Seq, stored.UserId, stored.Timestamp), ct).ConfigureAwait(false);
                    next = stored.Revision + 1;
                }
            }
        }
        while (!_queue.TryFinish(documentId, next - 1, out latest));
    }

    private async Task DeliverAsync(CommittedOperation operation, CancellationToken ct)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.OnCommittedAsync(operation, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                ListenerFailed(logger, listener.GetType().Name, operation.DocumentId, operation.Revision, ex);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Commit listener {Listener} failed on document {DocumentId} revision {Revision}.", EventName = "CommitListenerFailed")]
    private static partial void ListenerFailed(ILogger logger, string listener, string documentId, int revision, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Reading the log of document {DocumentId} from revision {Revision} for the commit listeners failed; retrying.", EventName = "CommitListenerCatchUpFailed")]
    private static partial void StoreFailed(ILogger logger, string documentId, int revision, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Document {DocumentId} has no revision {Revision} for the commit listeners (deleted).", EventName = "CommitListenerDocumentGone")]
    private static partial void DocumentGone(ILogger logger, string documentId, int revision);
}
