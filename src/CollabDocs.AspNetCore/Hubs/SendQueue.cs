using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// One connection's outgoing bytes between the hub and the transport. The hub writes into a pipe that never
/// pushes back, so a write (a group send included) never waits for the client; a pump copies the bytes to the
/// transport at the client's pace. When the bytes waiting exceed the budget the connection is aborted: its
/// client reconnects and catches up by revision (docs/protocol.md), and nobody else waits for it. One message
/// of any size is allowed on an otherwise empty queue (a large <c>Join</c> reply to a slow network).
/// </summary>
internal sealed partial class SendQueue : IDuplexPipe
{
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
    private readonly ConnectionContext _connection;
    private readonly PipeWriter _transport;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private long _queued;
    private int _aborted;

    public SendQueue(ConnectionContext connection, long maxBytes, ILogger logger)
    {
        _connection = connection;
        _transport = connection.Transport.Output;
        _maxBytes = maxBytes;
        _logger = logger;
        Input = connection.Transport.Input;
        Output = new SendQueueWriter(_pipe.Writer, this);
        Pump = PumpAsync();
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>Ends when every queued byte reached the transport, or the connection closed.</summary>
    public Task Pump { get; }

    /// <summary>Bytes written by the hub and not yet taken by the transport.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queued);

    /// <summary>The hub flushed <paramref name="bytes"/> more: over the budget (with more than this message queued), the connection closes.</summary>
    public void Queued(long bytes)
    {
        long queued = Interlocked.Add(ref _queued, bytes);
        if (queued > _maxBytes && queued > bytes && Interlocked.Exchange(ref _aborted, 1) == 0)
        {
            LogSendQueueFull(_logger, _connection.ConnectionId, queued, _maxBytes);
            _connection.Abort(new ConnectionAbortedException($"The client read too slowly: {queued} bytes waited to be sent (limit {_maxBytes})."));
            _transport.CancelPendingFlush();
        }
    }

    /// <summary>The connection is closing: stop waiting for the client.</summary>
    public void Closed() => _transport.CancelPendingFlush();

    private async Task PumpAsync()
    {
        var reader = _pipe.Reader;
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                long length = buffer.Length;
                foreach (var segment in buffer)
                {
                    _transport.Write(segment.Span);
                }

                var flush = await _transport.FlushAsync().ConfigureAwait(false);
                reader.AdvanceTo(buffer.End);
                Interlocked.Add(ref _queued, -length);
                if (result.IsCompleted || flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error = ex;
        }

        await reader.CompleteAsync(error).ConfigureAwait(false);
        await _transport.CompleteAsync(error).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Warning, "Connection {ConnectionId} closed: {QueuedBytes} bytes waited to be sent, over the limit of {MaxBytes} (the client reads too slowly).", EventName = "SendQueueFull")]
    private static partial void LogSendQueueFull(ILogger logger, string connectionId, long queuedBytes, long maxBytes);
}
