using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Hooks;
using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>
/// The pure core of the write path, without I/O: one document's committed text, recent history and
/// latest submission per client, plus the submits applied on top but not yet committed. For each submit
/// it deduplicates by (clientId, seq), checks the lag, transforms to the head and applies
/// (<see cref="Prepare"/>); <see cref="SequenceBatch"/> orders the applied submits into the batch to commit;
/// after the commit <see cref="Committed"/> makes them history, after a lost race <see cref="Undo"/> reverts them.
/// Not thread-safe: only the actor's loop uses it. The <paramref name="gate"/>, if any, may veto each new submit
/// once it is transformed to the head, before it is applied.
/// </summary>
internal sealed partial class SubmitProcessor(DocumentOptions options, LimitsOptions limits, SubmitGate? gate = null)
{
    private const int MaxRememberedClients = 10_000;

    private readonly DocumentOptions _options = options;

    // _history holds the committed operations (HistoryStart, Revision].
    private readonly List<StoredOperation> _history = [];
    private readonly Dictionary<string, SubmissionRecord?> _clients = new(StringComparer.Ordinal);
    private readonly List<TentativeSubmit> _tentative = [];
    private string? _textCache;
    private int _textCacheRevision = -1;
    private int _revision;

    /// <summary>The text at <see cref="Revision"/> plus the tentative submits.</summary>
    public TextDocument Text { get; private set; } = new();

    /// <summary>The last committed revision (read from any thread by scale-out notifications).</summary>
    public int Revision => Volatile.Read(ref _revision);

    public int HistoryStart { get; private set; }

    public IReadOnlyList<StoredOperation> History => _history;

    /// <summary>Approximate bytes the in-memory history holds (<see cref="OperationSize"/>), at most <see cref="DocumentOptions.MaxHistoryBytes"/>.</summary>
    public long HistoryBytes { get; private set; }

    /// <summary>
    /// Approximate bytes this document holds in memory (<see cref="DocumentOptions.MaxResidentBytes"/>): two per UTF-16
    /// unit of the text and of its cached copy for join replies, plus <see cref="HistoryBytes"/>.
    /// </summary>
    public long ResidentBytes => 2L * Text.Length + 2L * (_textCache?.Length ?? 0) + HistoryBytes;

    /// <summary>The revision the next submit is transformed to: committed plus tentative.</summary>
    public int Head => _revision + _tentative.Count;

    public bool HasTentative => _tentative.Count > 0;

    /// <summary>Starts over from a snapshot.</summary>
    public void Reset(int revision, string text)
    {
        Text = new TextDocument(text);
        _revision = revision;
        HistoryStart = revision;
        _history.Clear();
        HistoryBytes = 0;
        _tentative.Clear();
        _clients.Clear();
    }

    /// <summary>Applies an operation another writer committed (catch-up). Only without tentative submits.</summary>
    public void ApplyCommitted(StoredOperation operation)
    {
        Text.Apply(operation.Operation);
        AddToHistory(operation);
        if (_clients.ContainsKey(operation.ClientId))
        {
            _clients[operation.ClientId] = new SubmissionRecord(operation.ClientId, operation.Seq, operation.Revision, OperationHash.Compute(operation.Operation));
        }
    }

    /// <summary>Committed operations (<paramref name="after"/>, <paramref name="after"/> + <paramref name="count"/>] if memory still holds them.</summary>
    public bool TryGetHistory(int after, int count, out IReadOnlyList<StoredOperation> operations)
    {
        operations = after >= HistoryStart && after + count <= _revision ? _history.GetRange(after - HistoryStart, count) : [];
        return after >= HistoryStart && after + count <= _revision;
    }

    public bool TryGetLatestSubmission(string clientId, out SubmissionRecord? record) => _clients.TryGetValue(clientId, out record);

    public void RememberLatestSubmission(string clientId, SubmissionRecord? record)
    {
        if (_clients.Count >= MaxRememberedClients)
        {
            _clients.Clear();
        }

        _clients[clientId] = record;
    }

    /// <summary>True when the same client resent while its first send is in this batch: decide after the commit.</summary>
    public bool IsResendOfTentative(string clientId, int seq)
    {
        foreach (var tentative in _tentative)
        {
            if (tentative.Work.ClientId == clientId && tentative.Work.Seq >= seq)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Deduplicates, checks the lag, transforms to <see cref="Head"/> and applies one submit in memory.
    /// Returns the revision of an already committed (clientId, seq), or null once the submit is applied
    /// tentatively. Throws <see cref="CollabException"/> when it is refused.
    /// </summary>
    public int? Prepare(SubmitWork work, SubmitInputs inputs)
    {
        if (!work.IsParsed)
        {
            RefuseStaleUnparsed(work, inputs);
        }

        var command = work.Parse();
        int head = Head;
        if (command.BaseRevision > head)
        {
            throw new CollabException(ErrorCodes.RevisionInFuture, $"Base revision {command.BaseRevision} is ahead of the document (revision {head}).");
        }

        if (inputs.Latest is { } latest && command.Seq <= latest.Seq)
        {
            return ResolveResend(command, latest, inputs, limits);
        }

        if (head - command.BaseRevision > limits.MaxRevisionLag)
        {
            throw new CollabException(ErrorCodes.RevisionTooOld, $"Base revision {command.BaseRevision} is {head - command.BaseRevision} revisions behind; at most {limits.MaxRevisionLag} are accepted. Rejoin the document.");
        }

        TransformWork.Check(command, inputs.Committed, _tentative, Math.Max(0, command.BaseRevision - _revision), limits);
        var operation = TransformToHead(command.Operation, command.BaseRevision, inputs.Committed);
        long length = (long)Text.Length - operation.BaseLength + operation.TargetLength;
        if (length > limits.MaxDocumentLength)
        {
            throw new CollabException(ErrorCodes.LimitExceeded, $"The document would be {length} characters long; the limit is {limits.MaxDocumentLength}.");
        }

        gate?.Check(command, head, operation, Text);
        TextOperation inverse;
        try
        {
            inverse = Text.Invert(operation);
            Text.Apply(operation);
        }
        catch (OperationException ex)
        {
            throw CollabException.FromOperation(ex);
        }

        _tentative.Add(new TentativeSubmit(work, operation, inverse, OperationHash.Compute(operation), Text.Checksum()));
        return null;
    }

    /// <summary>
    /// The ordering point: the tentative submits, in the order they were prepared, become the operations
    /// <see cref="Revision"/> + 1, + 2, … of the batch to commit. The order is final once the store accepts
    /// the batch on top of <see cref="CommitBatch.ExpectedRevision"/>; a lost race undoes it (<see cref="Undo"/>).
    /// </summary>
    public CommitBatch SequenceBatch(string documentId, long timestamp)
    {
        var operations = new NewOperation[_tentative.Count];
        for (int i = 0; i < operations.Length; i++)
        {
            var (work, operation, _, hash, _) = _tentative[i];
            operations[i] = new NewOperation(operation, work.Command.ClientId, work.Command.Seq, work.Command.UserId, timestamp, hash);
        }

        // No snapshot: the store writes it after the commit, from the log (IStoreMaintenance), never delaying the ack.
        return new CommitBatch(documentId, _revision, operations, Text.Length, null);
    }

    /// <summary>The store made <paramref name="batch"/> durable: the tentative submits become history.</summary>
    public List<CommittedSubmit> Committed(CommitBatch batch)
    {
        var committed = new List<CommittedSubmit>(_tentative.Count);
        for (int i = 0; i < _tentative.Count; i++)
        {
            var tentative = _tentative[i];
            var command = tentative.Work.Command;
            var stored = new StoredOperation(_revision + 1, tentative.Operation, command.ClientId, command.Seq, command.UserId, batch.Operations[i].Timestamp);
            AddToHistory(stored);
            _clients[command.ClientId] = new SubmissionRecord(command.ClientId, command.Seq, stored.Revision, tentative.Hash);
            committed.Add(new CommittedSubmit(tentative.Work, stored, tentative.Checksum));
        }

        _tentative.Clear();
        return committed;
    }

    /// <summary>Reverts the text to the last commit; returns the submits that were tentative, in order.</summary>
    public List<SubmitWork> Undo()
    {
        for (int i = _tentative.Count - 1; i >= 0; i--)
        {
            Text.Apply(_tentative[i].Inverse);
        }

        var works = new List<SubmitWork>(_tentative.Count);
        foreach (var tentative in _tentative)
        {
            works.Add(tentative.Work);
        }

        _tentative.Clear();
        return works;
    }

    /// <summary>The committed text (without tentative submits; call between batches), cached per revision.</summary>
    public string CurrentText()
    {
        if (_textCacheRevision != _revision)
        {
            _textCache = Text.ToString();
            _textCacheRevision = _revision;
        }

        return _textCache!;
    }

    /// <summary>
    /// The resend of a committed (clientId, seq) gets the revision it had, if it is the same change:
    /// brought to the revision just before the committed one, it must equal what was committed (checked
    /// within the lag and transform-work limits; beyond them it is answered unchecked).
    /// </summary>
    private static int ResolveResend(SubmitCommand command, SubmissionRecord latest, SubmitInputs inputs, LimitsOptions limits)
    {
        var committed = inputs.Committed;
        var record = command.Seq == latest.Seq
            ? latest
            : inputs.Resent ?? throw new CollabException(ErrorCodes.SeqOutOfOrder, $"Seq {command.Seq} of client '{command.ClientId}' is below its latest committed seq {latest.Seq}, and no record of it is kept (never committed, or committed long ago and pruned); it is not applied.");

        if (command.BaseRevision >= record.Revision)
        {
            throw new CollabException(ErrorCodes.DuplicateSeqMismatch, $"Seq {command.Seq} of client '{command.ClientId}' was committed as revision {record.Revision}, which its resend's base revision {command.BaseRevision} already contains.");
        }

        // Committed, but too far behind (or compacted away) to check that it is the same change: answered with its
        // revision, unchecked. Refusing it instead would let the client take it for "never committed" and submit
        // the same change again as a new operation.
        if (inputs.HistoryGone
            || TransformWork.ResendTooFarToCheck(command.BaseRevision, record.Revision, limits)
            || TransformWork.Exceeds(command, committed, [], 0, limits, out _, out _))
        {
            return record.Revision;
        }

        TextOperation transformed = command.Operation;
        try
        {
            foreach (var concurrent in committed)
            {
                transformed = TextOperation.Transform(transformed, concurrent.Operation).APrime;
            }
        }
        catch (OperationException ex)
        {
            throw new CollabException(ErrorCodes.DuplicateSeqMismatch, $"Seq {command.Seq} of client '{command.ClientId}' was committed with a different operation: {ex.Message}", ex);
        }

        if (OperationHash.Compute(transformed) != record.OperationHash)
        {
            throw new CollabException(ErrorCodes.DuplicateSeqMismatch, $"Seq {command.Seq} of client '{command.ClientId}' was committed as revision {record.Revision} with a different operation.");
        }

        return record.Revision;
    }

    /// <summary>Transforms through the committed operations after the base revision, then through the tentative ones.</summary>
    private TextOperation TransformToHead(TextOperation operation, int baseRevision, IReadOnlyList<StoredOperation> committed)
    {
        try
        {
            foreach (var concurrent in committed)
            {
                operation = TextOperation.Transform(operation, concurrent.Operation).APrime;
            }

            for (int i = Math.Max(0, baseRevision - _revision); i < _tentative.Count; i++)
            {
                operation = TextOperation.Transform(operation, _tentative[i].Operation).APrime;
            }

            return operation;
        }
        catch (OperationException ex)
        {
            throw new CollabException(ErrorCodes.OperationMismatch, $"The operation does not fit the document at base revision {baseRevision}: {ex.Message}", ex);
        }
    }
}
