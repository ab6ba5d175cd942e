using CollabDocs.Client.Persistence;
using CollabDocs.Client.Presence;
using CollabDocs.Client.Sync;
using CollabDocs.Ot;
using CollabDocs.Protocol;

namespace CollabDocs.Client;

/// <summary>
/// One open document: the local text, the ot.js client state machine and the others' presence. Obtain it
/// from <see cref="CollabDocsClient.OpenAsync(string, Action{CollabDocument}?, CancellationToken)"/>. Local edits go in through <see cref="Submit"/> (or
/// <see cref="Edit"/>); other clients' edits come out as <see cref="Changed"/> events.
/// </summary>
/// <remarks>
/// Thread-safe. Every event is raised while the document is locked, in the order the changes happen, so an
/// editor that applies <see cref="DocumentChangedEventArgs.Operation"/> in the handler always agrees with
/// <see cref="Text"/>. Handlers must be short and must not wait for other threads; they may call
/// <see cref="Submit"/>.
/// </remarks>
public sealed partial class CollabDocument : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CollabDocsClient _client;
    private readonly CollabDocsClientOptions _options;
    private readonly IPendingEditStore? _store;
    private readonly ClientState _state = new();
    private readonly ServerEventQueue _held = new();
    private readonly PresenceTracker _others = new();
    private readonly List<TaskCompletionSource> _syncWaiters = [];
    private DocumentStatus _status = DocumentStatus.Joining;
    private string? _role;
    private string? _sessionId;

    internal CollabDocument(CollabDocsClient client, string id, CollabDocsClientOptions options)
    {
        _client = client;
        _options = options;
        _store = options.PendingEditStore;
        Id = id;
        ClientId = options.ClientId;
        if (_store?.Load(id) is { } saved)
        {
            // Continue the saved edits under the client id and seqs they were sent with.
            ClientId = saved.ClientId;
            _state.Restore(saved);
        }
    }

    /// <summary>Another client's change, or a reset to the server's text: apply it to the editor.</summary>
    public event EventHandler<DocumentChangedEventArgs>? Changed;

    /// <summary>One of this client's operations is committed.</summary>
    public event EventHandler<OperationAcknowledgedEventArgs>? Acknowledged;

    /// <summary>The others' presence changed; read <see cref="Presence"/>.</summary>
    public event EventHandler? PresenceChanged;

    /// <summary><see cref="Status"/> changed.</summary>
    public event EventHandler? StatusChanged;

    /// <summary>A failure the document handled (retried or resynchronised); for logging.</summary>
    public event EventHandler<CollabDocsErrorEventArgs>? Error;

    /// <summary>The document was closed by the client or the server.</summary>
    public event EventHandler<DocumentClosedEventArgs>? Closed;

    /// <summary>The document id.</summary>
    public string Id { get; }

    /// <summary>The client id this document's operations are sent with (a restored document keeps the saved one).</summary>
    public string ClientId { get; }

    /// <summary>The local text: the server's text at <see cref="Revision"/> plus the pending local edits.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _state.Text;
            }
        }
    }

    /// <summary>The last server revision applied.</summary>
    public int Revision
    {
        get
        {
            lock (_gate)
            {
                return _state.Revision;
            }
        }
    }

    /// <summary>The ot.js client state.</summary>
    public SyncState State
    {
        get
        {
            lock (_gate)
            {
                return _state.State;
            }
        }
    }

    /// <summary>Whether the document is subscribed.</summary>
    public DocumentStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>The caller's role from the last join (<c>owner</c>, <c>editor</c>, <c>viewer</c>).</summary>
    public string? Role
    {
        get
        {
            lock (_gate)
            {
                return _role;
            }
        }
    }

    /// <summary>This connection's presence id on the document, from the last join.</summary>
    public string? SessionId
    {
        get
        {
            lock (_gate)
            {
                return _sessionId;
            }
        }
    }

    /// <summary>The seq given to the latest operation sent (the number of operations this document has sent under <see cref="ClientId"/>).</summary>
    public int LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _state.LastSeq;
            }
        }
    }

    private bool IsClosed => _status == DocumentStatus.Closed;

    /// <summary>
    /// Applies a local edit made on the current <see cref="Text"/> and sends it when the state machine allows
    /// (otherwise it is composed into the buffer).
    /// </summary>
    /// <exception cref="ArgumentException">The operation's base length is not the local text's length.</exception>
    /// <exception cref="OperationException">The operation splits a surrogate pair.</exception>
    /// <exception cref="InvalidOperationException">The document is closed.</exception>
    public void Submit(TextOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            if (operation.BaseLength != _state.Text.Length)
            {
                throw new ArgumentException($"The operation's base length ({operation.BaseLength}) is not the local text's length ({_state.Text.Length}).", nameof(operation));
            }

            bool send = _state.ApplyLocal(operation);
            _localSelection = _localSelection?.Transform(operation);
            if (!operation.IsNoop)
            {
                SaveLocked();
            }

            if (send)
            {
                SendLocked(saved: true);
            }
        }
    }

    /// <summary>
    /// Makes an edit from the current local text without racing remote changes: <paramref name="edit"/> runs
    /// with the document locked and returns the operation to submit (or null for none).
    /// </summary>
    /// <returns>The operation submitted, or null.</returns>
    public TextOperation? Edit(Func<string, TextOperation?> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            var operation = edit(_state.Text);
            if (operation is not null)
            {
                Submit(operation);
            }

            return operation;
        }
    }

    /// <summary>The state machine's flags, for diagnosing a document that does not synchronize.</summary>
    internal string Describe()
    {
        lock (_gate)
        {
            var o = _state.Outstanding;
            return $"status {_status}, {_state.State}, revision {_state.Revision}, epoch {_epoch}, joined {_joined}, join attempt {_joinAttempt}, "
                + $"outstanding {(o is null ? "none" : $"seq {o.Seq} in flight {o.InFlight} sent epoch {o.SentEpoch} acked as {o.AckedAs} retries {o.Retries}")}, "
                + $"buffer {_state.Buffer is not null}, held {_held.Count}, heard {_heardRevision}, gap fill scheduled {_gapFillScheduled} filling {_gapFilling}, "
                + $"retry scheduled {_submitRetryScheduled}, repairing {_repairing}, full join pending {_fullJoinPending}, connected {_client.IsConnected}";
        }
    }

    /// <summary>Completes when no local edit is pending (at once if none is).</summary>
    /// <exception cref="ObjectDisposedException">The document was closed with edits pending.</exception>
    public Task WhenSynchronizedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_state.Outstanding is null)
            {
                return Task.CompletedTask;
            }

            ObjectDisposedException.ThrowIf(IsClosed, this);
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _syncWaiters.Add(waiter);
            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Pages in every operation committed after <see cref="Revision"/> with <c>GetOperations</c> and applies it
    /// (for example when broadcasts may have been missed). Returns when the server had nothing newer.
    /// </summary>
    /// <exception cref="CollabDocsException">The call failed (code <c>connection</c> while disconnected).</exception>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            int from = Revision;
            List<OperationMessage> page;
            try
            {
                page = await _client.InvokeAsync<List<OperationMessage>>(HubMethods.GetOperations, cancellationToken, Id, from, null).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                throw CollabDocsException.FromInvokeError(ex);
            }

            lock (_gate)
            {
                foreach (var message in page)
                {
                    EnqueueLocked(ServerEvent.Of(message));
                }

                if (page.Count == 0 || IsClosed || _state.Revision == from)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Leaves the document. Local edits not yet acknowledged stay in the pending-edit store, if any.</summary>
    public async Task CloseAsync()
    {
        bool leave;
        lock (_gate)
        {
            if (IsClosed)
            {
                return;
            }

            leave = _joined;
            ShutdownLocked("closed by client");
        }

        if (leave && _client.IsConnected)
        {
            try
            {
                await _client.InvokeAsync<object?>(HubMethods.Leave, CancellationToken.None, Id).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Best effort: the server drops the subscription on disconnect anyway.
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(CloseAsync());
}
