using System.Threading.Channels;
using CollabDocs.Server.Protocol;

namespace CollabDocs.Server.Documents;

internal sealed partial class DocumentSession
{
    // Broadcasts leave in commit order through one sender, off the commit loop: a slow subscriber
    // delays only delivery, never the next commit.
    private readonly Channel<Func<Task>> _outbox = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private Task? _outboxLoop;

    private void Broadcast(OperationMessage message, string? senderConnectionId) =>
        Post(() => _broadcaster.OperationAsync(message, senderConnectionId));

    private void Post(Func<Task> send)
    {
        _outboxLoop ??= Task.Run(SendAllAsync);
        _outbox.Writer.TryWrite(send);
    }

    private async Task SendAllAsync()
    {
        await foreach (var send in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await send().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Clients fill gaps from the log, so a lost broadcast costs latency, not data.
                Log.BroadcastFailed(_logger, DocumentId, ex);
            }
        }
    }

    private async Task DrainOutboxAsync()
    {
        _outbox.Writer.TryComplete();
        if (_outboxLoop is not null)
        {
            await _outboxLoop.ConfigureAwait(false);
        }
    }
}
