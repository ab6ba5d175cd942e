using System.Threading.Channels;
using CollabDocs.Ot;
using CollabDocs.Server.Protocol;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// An editor on one document, following the client obligations of docs/protocol.md exactly as ot.js's
/// client does: Synchronized → AwaitingConfirm (one operation in flight) → AwaitingWithBuffer (later
/// local edits composed into one buffer), remote operations transformed against the pending ones
/// (<c>transform(outstanding, remote)</c>, own operation first), and every server event — broadcasts
/// and this client's own acknowledgements alike — applied strictly in revision order.
/// </summary>
/// <remarks>
/// Not thread-safe: one test flow drives it. Acknowledgements arrive on other threads and are only
/// queued; they take effect when the flow calls <see cref="ProcessAvailable"/> or a wait method.
/// </remarks>
public sealed partial class OtClient
{
    private readonly DocumentHubClient _hub;
    private readonly Channel<ServerEvent> _acks = Channel.CreateUnbounded<ServerEvent>();
    private readonly SortedDictionary<int, ServerEvent> _early = [];
    private readonly TextDocument _text;
    private TextDocument _server;
    private TextOperation? _outstanding;
    private TextOperation? _buffer;
    private int _seq;

    private OtClient(DocumentHubClient hub, string documentId, int revision, string text)
    {
        _hub = hub;
        DocumentId = documentId;
        Revision = revision;
        _text = new TextDocument(text);
        _server = new TextDocument(text);
    }

    public string DocumentId { get; }

    /// <summary>The revision of the last server event applied.</summary>
    public int Revision { get; private set; }

    /// <summary>The editor's text: the text at <see cref="Revision"/> plus the pending operations.</summary>
    public string Text => _text.ToString();

    public int Length => _text.Length;

    /// <summary>True when nothing is waiting for an acknowledgement.</summary>
    public bool IsSynchronized => _outstanding is null;

    /// <summary>True when an operation is in flight and later edits are being composed into a buffer.</summary>
    public bool HasBuffer => _buffer is not null;

    /// <summary>How many local edits are composed into the buffer.</summary>
    public int BufferedEdits { get; private set; }

    /// <summary>How many operations this client has sent.</summary>
    public int Submitted => _seq;

    public DocumentHubClient Hub => _hub;

    /// <summary>Joins <paramref name="documentId"/> (full text) and starts as Synchronized.</summary>
    public static async Task<OtClient> JoinAsync(DocumentHubClient hub, string documentId)
    {
        ArgumentNullException.ThrowIfNull(hub);
        var joined = await hub.JoinAsync(documentId).DefaultTimeout();
        Assert.NotNull(joined.Text);
        return new OtClient(hub, documentId, joined.Revision, joined.Text);
    }

    /// <summary>The user changes the text: apply locally, then send it or buffer it.</summary>
    public void Edit(TextOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        _text.Apply(operation);
        if (_outstanding is null)
        {
            _outstanding = operation;
            Send(operation);
        }
        else
        {
            _buffer = _buffer is null ? operation : _buffer.Compose(operation);
            BufferedEdits++;
        }
    }

    /// <summary>Handles every server event that has arrived, without waiting.</summary>
    public void ProcessAvailable()
    {
        while (TryRead(out var next))
        {
            Handle(next);
        }
    }

    /// <summary>Waits for at least one server event, then handles all that have arrived.</summary>
    public async Task WaitForEventAsync()
    {
        if (!TryRead(out var first))
        {
            var acks = _acks.Reader.WaitToReadAsync().AsTask();
            var operations = _hub.Operations.WaitToReadAsync().AsTask();
            await Task.WhenAny(acks, operations).DefaultTimeout();
            if (!TryRead(out first))
            {
                return;
            }
        }

        Handle(first);
        ProcessAvailable();
    }

    /// <summary>Waits until every own operation is acknowledged.</summary>
    public async Task WaitUntilSynchronizedAsync()
    {
        ProcessAvailable();
        while (!IsSynchronized)
        {
            await WaitForEventAsync().DefaultTimeout();
        }
    }

    /// <summary>
    /// Waits until synchronized at <paramref name="revision"/>; asks <c>GetOperations</c> for whatever
    /// the broadcasts have not brought (another node's operations have no broadcast here).
    /// </summary>
    public async Task SyncToAsync(int revision, bool fetchMissing = false)
    {
        await WaitUntilSynchronizedAsync().DefaultTimeout();
        while (Revision < revision)
        {
            if (fetchMissing)
            {
                await FetchMissingAsync().DefaultTimeout();
                if (Revision < revision)
                {
                    await Task.Delay(10).DefaultTimeout();
                }
            }
            else
            {
                await WaitForEventAsync().DefaultTimeout();
            }
        }
    }

    /// <summary>Fills gaps in the broadcasts from the log (docs/protocol.md, GetOperations).</summary>
    public async Task FetchMissingAsync()
    {
        while (true)
        {
            var operations = await _hub.GetOperationsAsync(DocumentId, Revision).DefaultTimeout();
            foreach (var operation in operations)
            {
                Handle(new ServerEvent(operation.Revision, operation));
            }

            ProcessAvailable();
            if (operations.Count == 0)
            {
                return;
            }
        }
    }

    private bool TryRead(out ServerEvent next)
    {
        if (_acks.Reader.TryRead(out next!))
        {
            return true;
        }

        while (_hub.Operations.TryRead(out var broadcast))
        {
            if (broadcast.DocumentId == DocumentId)
            {
                next = new ServerEvent(broadcast.Revision, broadcast);
                return true;
            }
        }

        return false;
    }

    private void Handle(ServerEvent next)
    {
        if (next.Failure is not null)
        {
            throw new InvalidOperationException($"Client {_hub.ClientId}: a submit failed.", next.Failure);
        }

        if (next.Revision <= Revision)
        {
            return; // Already applied (a broadcast repeating what a fetch or join brought).
        }

        _early.TryAdd(next.Revision, next);
        while (_early.Remove(Revision + 1, out var inOrder))
        {
            Revision++;
            if (inOrder.Operation is null || (inOrder.Operation.ClientId == _hub.ClientId && inOrder.Operation.Seq == _seq && _outstanding is not null))
            {
                ServerAck();
            }
            else
            {
                ApplyServer(inOrder.Operation.Operation);
            }

            Verify(inOrder.Revision, inOrder.Checksum ?? inOrder.Operation?.Checksum);
        }
    }

    private void ServerAck()
    {
        if (_outstanding is null)
        {
            throw new InvalidOperationException($"Client {_hub.ClientId}: an acknowledgement at revision {Revision} with nothing outstanding.");
        }

        _server.Apply(_outstanding);
        _outstanding = _buffer;
        _buffer = null;
        BufferedEdits = 0;
        if (_outstanding is not null)
        {
            Send(_outstanding);
        }
    }

    private void ApplyServer(TextOperation remote)
    {
        _server.Apply(remote);
        if (_outstanding is not null)
        {
            (_outstanding, remote) = TextOperation.Transform(_outstanding, remote);
            if (_buffer is not null)
            {
                (_buffer, remote) = TextOperation.Transform(_buffer, remote);
            }
        }

        _text.Apply(remote);
    }

    private void Send(TextOperation operation)
    {
        int seq = ++_seq;
        _ = AcknowledgeAsync(_hub.SubmitForResultAsync(DocumentId, Revision, operation, seq));
    }

    private async Task AcknowledgeAsync(Task<SubmitResult> submit)
    {
        try
        {
            var result = await submit.DefaultTimeout().ConfigureAwait(false);
            _acks.Writer.TryWrite(new ServerEvent(result.Revision, null, Checksum: result.Checksum));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _acks.Writer.TryWrite(new ServerEvent(int.MaxValue, null, ex));
        }
    }

    /// <summary>A broadcast (<see cref="Operation"/> set), an own acknowledgement (null, with its checksum), or a failed submit.</summary>
    private sealed record ServerEvent(int Revision, OperationMessage? Operation, Exception? Failure = null, uint? Checksum = null);
}
