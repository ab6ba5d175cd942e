using System.Collections.Concurrent;
using System.Threading.Channels;
using CollabDocs.Ot;
using CollabDocs.Ot.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Cluster.Tests.Clients;

/// <summary>
/// A co-editing client that follows docs/protocol.md's client obligations, the ot.js way: one operation in
/// flight (<c>_outstanding</c>), later local edits composed into <c>_buffer</c>, server events applied strictly
/// in revision order (later ones held until the gap is filled, by <c>GetOperations</c> if it stays open), and
/// after an automatic reconnect a <c>Join</c> from its revision and a resend of the in-flight operation with
/// the same seq. Every state change runs on one loop, so SignalR's callbacks never race.
/// Connects with WebSockets and no negotiation, as a client behind a round-robin balancer must.
/// </summary>
internal sealed class OtClient : IAsyncDisposable
{
    private static readonly TimeSpan GapPatience = TimeSpan.FromMilliseconds(300);

    private readonly HubConnection _connection;
    private readonly Channel<Func<Task>> _events = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SortedDictionary<int, OperationMessage> _held = [];
    private readonly Random _random;
    private readonly Task _loop;

    // Owned by the loop.
    private string _text = string.Empty;
    private int _revision;
    private (TextOperation Operation, int Seq)? _outstanding;
    private TextOperation? _buffer;
    private int _nextSeq = 1;
    private bool _gapFillScheduled;
    private int _sendGeneration;

    private OtClient(string name, string url, string documentId, int seed)
    {
        Name = name;
        DocumentId = documentId;
        _random = new Random(seed);
        _connection = new HubConnectionBuilder()
            .WithUrl(url + "/hubs/docs", options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect(new SteadyRetry())
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter()))
            .Build();
        _connection.ServerTimeout = TimeSpan.FromSeconds(10);
        _connection.On<OperationMessage>("Operation", message => Post(() => OnOperationAsync(message)));
        _connection.On<PresenceMessage>("Presence", Presence.Enqueue);
        _connection.On<PresenceLeftMessage>("PresenceLeft", message => PresenceLeft.Enqueue(message.SessionId));
        _connection.Reconnected += _ =>
        {
            Interlocked.Increment(ref _reconnects);
            Post(RejoinAsync);
            return Task.CompletedTask;
        };
        _loop = Task.Run(RunAsync);
    }

    public string Name { get; }

    public string DocumentId { get; }

    public string ClientId { get; } = "client-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>This connection's presence id (from the latest join).</summary>
    public string SessionId { get; private set; } = string.Empty;

    /// <summary>Presence other users held when this client last joined.</summary>
    public IReadOnlyList<PresenceMessage> JoinPresence { get; private set; } = [];

    /// <summary>(seq → revision) of every acknowledged operation.</summary>
    public ConcurrentDictionary<int, int> Acks { get; } = new();

    /// <summary>Anything that broke the protocol (unexpected errors); a test asserts it stays empty.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public ConcurrentQueue<PresenceMessage> Presence { get; } = new();

    public ConcurrentQueue<string> PresenceLeft { get; } = new();

    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>In-flight operations resent after a reconnect (same seq).</summary>
    public int Resent { get; private set; }

    /// <summary>In-flight operations found committed in the log a rejoin returned.</summary>
    public int AcknowledgedOnRejoin { get; private set; }

    /// <summary>How many operations were sent (seq handed out).</summary>
    public int Sent => Volatile.Read(ref _nextSeq) - 1;

    public string Text { get; private set; } = string.Empty;

    public int Revision { get; private set; }

    private int _reconnects;

    public static async Task<OtClient> ConnectAsync(string name, string url, string documentId, int seed)
    {
        var client = new OtClient(name, url, documentId, seed);
        await client._connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(15));
        await client.RunOnLoopAsync(client.JoinAsync).WaitAsync(TimeSpan.FromSeconds(30));
        return client;
    }

    /// <summary>A random local edit (insert and/or delete a few characters), sent or buffered.</summary>
    public Task EditAsync() => RunOnLoopAsync(() =>
    {
        var operation = RandomEdit(_text);
        _text = operation.Apply(_text);
        if (_outstanding is null)
        {
            Send(operation, Interlocked.Increment(ref _nextSeq) - 1);
        }
        else
        {
            _buffer = _buffer is null ? operation : _buffer.Compose(operation);
        }

        Publish();
        return Task.CompletedTask;
    });

    /// <summary>
    /// Brings the client to the server's head: waits for its own operations to be acknowledged and pages in
    /// whatever it missed. Returns when it is synchronized with nothing more to fetch.
    /// </summary>
    public async Task SyncAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            bool synchronized = await RunOnLoopAsync(async () =>
            {
                if (_outstanding is not null || _buffer is not null || _connection.State != HubConnectionState.Connected)
                {
                    return false;
                }

                var missed = await _connection.InvokeAsync<List<OperationMessage>>("GetOperations", DocumentId, _revision, null).WaitAsync(TimeSpan.FromSeconds(10));
                foreach (var message in missed)
                {
                    Hold(message);
                }

                Drain();
                return missed.Count == 0 && _held.Count == 0;
            }).ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default);
            if (synchronized)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not synchronize within {timeout.TotalSeconds:0} s (revision {Revision}, outstanding {_outstanding?.Seq}, held {_held.Count}, state {_connection.State}).");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Publishes a selection at the client's revision (call while synchronized).</summary>
    public Task SelectAsync(int anchor, int head) => RunOnLoopAsync(() =>
        _connection.InvokeAsync("UpdatePresence", DocumentId, _revision, new[] { new RangeMessage(anchor, head) }));

    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        await _connection.DisposeAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
        }
    }

    private async Task JoinAsync()
    {
        var result = await _connection.InvokeAsync<JoinResult>("Join", DocumentId, null).WaitAsync(TimeSpan.FromSeconds(15));
        _text = result.Text ?? string.Empty;
        _revision = result.Revision;
        SessionId = result.SessionId;
        JoinPresence = result.Presence;
        Publish();
    }

    /// <summary>After a reconnect: join from our revision, take our in-flight operation's ack from the log, or resend it.</summary>
    private async Task RejoinAsync()
    {
        JoinResult result;
        try
        {
            result = await _connection.InvokeAsync<JoinResult>("Join", DocumentId, _revision).WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException or TimeoutException or IOException or OperationCanceledException)
        {
            // The node may still be without Redis, or the connection went again: try once more shortly.
            _ = Task.Delay(500).ContinueWith(_ => Post(RejoinAsync), TaskScheduler.Default);
            return;
        }

        SessionId = result.SessionId;
        if (result.Operations is null)
        {
            Errors.Enqueue($"{Name}: rejoin from revision {_revision} got the full text instead of the operations.");
            return;
        }

        int? inFlight = _outstanding?.Seq;
        foreach (var message in result.Operations)
        {
            Hold(message);
        }

        Drain();
        if (inFlight is not null && _outstanding?.Seq != inFlight)
        {
            AcknowledgedOnRejoin++;
        }

        // Still not in the log: resend it, same seq, on our current revision (exactly-once makes this safe
        // even if the first send was committed after the join read the state).
        if (_outstanding is { } outstanding && outstanding.Seq == inFlight)
        {
            Resent++;
            Send(outstanding.Operation, outstanding.Seq);
        }
    }

    private void Send(TextOperation operation, int seq)
    {
        _outstanding = (operation, seq);
        int generation = ++_sendGeneration;
        int baseRevision = _revision;
        _ = Task.Run(async () =>
        {
            try
            {
                var result = await _connection.InvokeAsync<SubmitResult>("Submit", DocumentId, baseRevision, operation, ClientId, seq);
                Post(() => OnAcknowledged(seq, result.Revision));
            }
            catch (HubException ex) when (ex.Message.Contains("unavailable:", StringComparison.Ordinal) || ex.Message.Contains("rate_limited:", StringComparison.Ordinal))
            {
                // Safe to retry with the same seq (the server says nothing was applied).
                await Task.Delay(200);
                Post(() =>
                {
                    if (_outstanding?.Seq == seq && _sendGeneration == generation)
                    {
                        Send(_outstanding.Value.Operation, seq);
                    }

                    return Task.CompletedTask;
                });
            }
            catch (HubException ex)
            {
                Errors.Enqueue($"{Name}: Submit seq {seq} on base {baseRevision} failed: {ex.Message}");
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException or TimeoutException)
            {
                // The connection went away; the reconnect resends.
            }
        });
    }

    private Task OnAcknowledged(int seq, int revision)
    {
        if (_outstanding?.Seq == seq && revision > _revision)
        {
            // Our operation as the server committed it: the event for that revision is our own.
            Hold(new OperationMessage(DocumentId, revision, _outstanding.Value.Operation, ClientId, seq, string.Empty, 0));
            Drain();
        }

        return Task.CompletedTask;
    }

    private Task OnOperationAsync(OperationMessage message)
    {
        Hold(message);
        Drain();
        return Task.CompletedTask;
    }

    private void Hold(OperationMessage message)
    {
        if (message.Revision > _revision)
        {
            _held.TryAdd(message.Revision, message);
        }
    }

    /// <summary>Applies held events while the next revision is there; schedules a gap fill if one stays missing.</summary>
    private void Drain()
    {
        while (_held.Remove(_revision + 1, out var message))
        {
            if (message.ClientId == ClientId)
            {
                if (_outstanding?.Seq != message.Seq)
                {
                    Errors.Enqueue($"{Name}: revision {message.Revision} is our seq {message.Seq}, but seq {_outstanding?.Seq} is in flight.");
                    return;
                }

                _revision = message.Revision;
                Acks[message.Seq] = message.Revision;
                _outstanding = null;
                if (_buffer is not null)
                {
                    var buffer = _buffer;
                    _buffer = null;
                    Send(buffer, Interlocked.Increment(ref _nextSeq) - 1);
                }

                continue;
            }

            var remote = message.Operation;
            if (_outstanding is { } outstanding)
            {
                (var outstandingPrime, remote) = TextOperation.Transform(outstanding.Operation, remote);
                _outstanding = (outstandingPrime, outstanding.Seq);
            }

            if (_buffer is not null)
            {
                (_buffer, remote) = TextOperation.Transform(_buffer, remote);
            }

            _text = remote.Apply(_text);
            _revision = message.Revision;
        }

        Publish();
        if (_held.Count > 0 && !_gapFillScheduled)
        {
            _gapFillScheduled = true;
            _ = Task.Delay(GapPatience).ContinueWith(_ => Post(FillGapAsync), TaskScheduler.Default);
        }
    }

    private async Task FillGapAsync()
    {
        _gapFillScheduled = false;
        if (_held.Count == 0 || _connection.State != HubConnectionState.Connected)
        {
            return;
        }

        try
        {
            var missed = await _connection.InvokeAsync<List<OperationMessage>>("GetOperations", DocumentId, _revision, _held.Keys.First() - 1).WaitAsync(TimeSpan.FromSeconds(10));
            foreach (var message in missed)
            {
                Hold(message);
            }
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException or IOException or OperationCanceledException or TimeoutException)
        {
            // Tried again below while the gap stays open.
        }

        Drain();
    }

    private void Publish()
    {
        Text = _text;
        Revision = _revision;
    }

    private TextOperation RandomEdit(string text)
    {
        int position = _random.Next(text.Length + 1);
        int room = text.Length - position;
        bool shrink = text.Length > 400;
        int delete = room > 0 && (shrink || _random.Next(3) == 0) ? _random.Next(1, Math.Min(room, shrink ? 12 : 3) + 1) : 0;
        string insert = delete > 0 && _random.Next(2) == 0 ? string.Empty : new string((char)('a' + _random.Next(26)), _random.Next(1, 4));
        return TextOperation.Splice(text.Length, position, delete, insert);
    }

    private void Post(Func<Task> work) => _events.Writer.TryWrite(work);

    private Task<bool> RunOnLoopAsync(Func<Task> work) => RunOnLoopAsync(async () =>
    {
        await work();
        return true;
    });

    private Task<T> RunOnLoopAsync<T>(Func<Task<T>> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_events.Writer.TryWrite(async () =>
            {
                try
                {
                    completion.TrySetResult(await work());
                }
                catch (Exception ex)
                {
                    completion.TrySetException(ex);
                }
            }))
        {
            completion.TrySetException(new ObjectDisposedException(Name));
        }

        return completion.Task;
    }

    private async Task RunAsync()
    {
        await foreach (var work in _events.Reader.ReadAllAsync())
        {
            try
            {
                await work();
            }
            catch (Exception ex)
            {
                Errors.Enqueue($"{Name}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    /// <summary>Reconnect every half second for a minute (a node restart or a failover takes a few seconds).</summary>
    private sealed class SteadyRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime < TimeSpan.FromSeconds(60) ? TimeSpan.FromMilliseconds(500) : null;
    }
}
