using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Storage.Lifecycle;

/// <summary>
/// The documents waiting for a background maintenance pass, each at most once (so the queue is bounded by
/// the number of documents), worked through one at a time on one task started at the first request.
/// A failed pass is logged and left for the next boundary: the log is the truth, a missing snapshot only
/// makes loading replay more.
/// </summary>
internal sealed class MaintenanceQueue(IStoreMaintenance maintenance, ILogger logger) : IAsyncDisposable
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _pending = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task? _worker;
    private bool _disposed;

    public void Schedule(string documentId)
    {
        lock (_pending)
        {
            if (_disposed || !_pending.Add(documentId))
            {
                return;
            }

            _channel.Writer.TryWrite(documentId);
            _worker ??= Task.Run(RunAsync);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? worker;
        lock (_pending)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _channel.Writer.TryComplete();
            worker = _worker;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (worker is not null)
        {
            await worker.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (string documentId in _channel.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                lock (_pending)
                {
                    _pending.Remove(documentId);
                }

                try
                {
                    await maintenance.MaintainAsync(documentId, _stopping.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    StorageLog.MaintenanceFailed(logger, documentId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }
}
