using System.Threading.Channels;
using CollabDocs.Protocol;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Documents;

/// <summary>
/// Ordered delivery of one document's events to the <see cref="IDocumentBroadcaster"/>: events leave in
/// the order they were posted, through one sender off the actor's loop, so a slow subscriber delays only
/// delivery, never the next commit. Posting never blocks.
/// </summary>
internal sealed partial class BroadcastOutbox(string documentId, IDocumentBroadcaster broadcaster, ILogger logger) : IAsyncDisposable
{
    private readonly Channel<Func<IDocumentBroadcaster, Task>> _queue =
        Channel.CreateUnbounded<Func<IDocumentBroadcaster, Task>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private Task? _sender;

    public void Operation(OperationMessage message, string? senderConnectionId) =>
        Post(b => b.OperationAsync(message, senderConnectionId));

    public void Presence(PresenceMessage message) => Post(b => b.PresenceAsync(message));

    public void PresenceLeft(PresenceLeftMessage message) => Post(b => b.PresenceLeftAsync(message));

    /// <summary>A <see cref="PresenceMessage"/> or a <see cref="PresenceLeftMessage"/> (what a <see cref="PresenceTable"/> publishes).</summary>
    public void PresenceEvent(object message)
    {
        if (message is PresenceMessage presence)
        {
            Presence(presence);
        }
        else
        {
            PresenceLeft((PresenceLeftMessage)message);
        }
    }

    /// <summary>Sends what was posted, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_sender is not null)
        {
            await _sender.ConfigureAwait(false);
        }
    }

    private void Post(Func<IDocumentBroadcaster, Task> send)
    {
        _sender ??= Task.Run(SendAllAsync);
        _queue.Writer.TryWrite(send);
    }

    private async Task SendAllAsync()
    {
        await foreach (var send in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await send(broadcaster).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Clients fill gaps from the log, so a lost broadcast costs latency, not data.
                LogBroadcastFailed(logger, documentId, ex);
            }
        }
    }

    [LoggerMessage(5, LogLevel.Warning, "Document {DocumentId}: a broadcast failed.", EventName = "BroadcastFailed")]
    private static partial void LogBroadcastFailed(ILogger logger, string documentId, Exception exception);
}
