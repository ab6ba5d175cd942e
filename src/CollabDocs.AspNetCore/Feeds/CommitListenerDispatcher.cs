using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Feeds;

/// <summary>Calls the <see cref="IDocumentCommitListener"/>s with each commit, off every document's commit path.</summary>
internal sealed partial class CommitListenerDispatcher(CommitNotifier notifier, IEnumerable<IDocumentCommitListener> listeners, ILogger<CommitListenerDispatcher> logger) : BackgroundService
{
    private readonly IDocumentCommitListener[] _listeners = [.. listeners];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listeners.Length == 0)
        {
            return;
        }

        try
        {
            await foreach (var operation in notifier.ListenerQueue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var listener in _listeners)
                {
                    try
                    {
                        await listener.OnCommittedAsync(operation, stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                    {
                        ListenerFailed(logger, listener.GetType().Name, operation.DocumentId, operation.Revision, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Commit listener {Listener} failed on document {DocumentId} revision {Revision}.", EventName = "CommitListenerFailed")]
    private static partial void ListenerFailed(ILogger logger, string listener, string documentId, int revision, Exception exception);
}
