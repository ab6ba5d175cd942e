using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// Closes a connection from which nothing arrived for <see cref="HubTimeoutOptions.ClientTimeoutInterval"/>.
/// SignalR's own client timeout did not close a client that completed the handshake and then sent nothing
/// (with a 2 s timeout it was still open after 30 s); this one counts any bytes received.
/// </summary>
internal sealed partial class IdleTimeout : IDuplexPipe, IDisposable
{
    private readonly ConnectionContext _connection;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _lastReceived;
    private bool _disposed;

    public IdleTimeout(ConnectionContext connection, TimeSpan timeout, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _timeout = timeout;
        _time = time;
        _logger = logger;
        _lastReceived = time.GetTimestamp();
        Input = new IdleTimeoutReader(connection.Transport.Input, this);
        Output = connection.Transport.Output;
        var period = timeout / 4;
        _timer = time.CreateTimer(static state => ((IdleTimeout)state!).Check(), this, period, period);
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>Bytes arrived from the client.</summary>
    public void Received() => Interlocked.Exchange(ref _lastReceived, _time.GetTimestamp());

    public void Dispose()
    {
        // A timer's Dispose does not wait for a callback already running: the gate does, so no check aborts a
        // connection that has ended (its features disposed: Abort would throw on the timer's thread and end the process).
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void Check()
    {
        var silent = _time.GetElapsedTime(Interlocked.Read(ref _lastReceived));
        if (silent <= _timeout)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            LogIdle(_logger, _connection.ConnectionId, silent.TotalSeconds);
            try
            {
                _connection.Abort(new ConnectionAbortedException($"Nothing arrived from the client for {silent.TotalSeconds:F0} s."));
            }
            catch (ObjectDisposedException)
            {
                // The connection ended between the check and the abort, before this was disposed: nothing left to close.
            }
        }
    }

    [LoggerMessage(2, LogLevel.Information, "Connection {ConnectionId} closed: nothing arrived from it for {Seconds:F0} s.", EventName = "ConnectionIdle")]
    private static partial void LogIdle(ILogger logger, string connectionId, double seconds);
}
