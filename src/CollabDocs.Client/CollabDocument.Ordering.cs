using CollabDocs.Client.Sync;
using CollabDocs.Protocol;

namespace CollabDocs.Client;

// Server events in revision order: acknowledgements and other clients' operations.
public sealed partial class CollabDocument
{
    private bool _gapFillScheduled;
    private bool _gapFilling;

    // The highest revision the server said exists beyond the events themselves (a presence broadcast made at a
    // later revision): presence follows the operations before it, so this is how a lost last broadcast shows.
    private int _heardRevision;

    private bool MissingLocked => _held.Count > 0 || _heardRevision > _state.Revision;

    /// <summary>The server has reached <paramref name="revision"/>; a gap fill pages in what is missing.</summary>
    private void HeardRevisionLocked(int revision)
    {
        if (revision > _heardRevision && _state.Revision >= 0)
        {
            _heardRevision = revision;
            DrainLocked();
        }
    }

    internal void OnOperation(OperationMessage message)
    {
        lock (_gate)
        {
            if (!IsClosed && _state.Revision >= 0)
            {
                EnqueueLocked(ServerEvent.Of(message));
            }
        }
    }

    /// <summary>Holds <paramref name="next"/> and applies every event whose turn has come.</summary>
    private void EnqueueLocked(ServerEvent next)
    {
        if (_held.Add(next, _state.Revision))
        {
            DrainLocked();
        }
    }

    private void DrainLocked()
    {
        while (!IsClosed && _held.TryTake(_state.Revision + 1, out var next))
        {
            ProcessLocked(next);
        }

        if (MissingLocked && _joined && !_gapFillScheduled)
        {
            // A revision is missing (a lost broadcast, or another node's operation): page it in if it stays missing.
            _gapFillScheduled = true;
            ScheduleLocked(_options.GapFillDelay, () =>
            {
                _gapFillScheduled = false;
                Fire(FillGapAsync);
            });
        }
    }

    private void ProcessLocked(ServerEvent next)
    {
        var outstanding = _state.Outstanding;
        bool own = next.Message is null || (outstanding is not null && next.Message.ClientId == ClientId && next.Message.Seq == outstanding.Seq);
        if (!own)
        {
            ApplyRemoteLocked(next.Message!);
        }
        else if (outstanding is null || (next.Message is null && next.AckSeq != outstanding.Seq))
        {
            ResyncLocked(new CollabDocsException($"An acknowledgement of revision {next.Revision} that matches no pending operation."));
        }
        else
        {
            AcknowledgeLocked(next.Revision, outstanding.Seq, foundInLog: next.Message is not null);
        }

        VerifyLocked(next);
    }

    private void AcknowledgeLocked(int revision, int seq, bool foundInLog)
    {
        _others.RecordOperation(revision, _state.Outstanding!.Operation);
        var next = _state.Acknowledge(revision);
        Acknowledged?.Invoke(this, new OperationAcknowledgedEventArgs { Seq = seq, Revision = revision, FoundInLog = foundInLog });
        if (next is not null)
        {
            SendLocked();
            return;
        }

        DeleteSavedLocked();
        FlushPresenceLocked();
        ReleaseSyncWaitersLocked(closed: false);
    }

    private void ApplyRemoteLocked(OperationMessage message)
    {
        if (message.Operation.BaseLength != _state.ServerText.Length)
        {
            ResyncLocked(new CollabDocsException($"Revision {message.Revision} has base length {message.Operation.BaseLength}, the text has {_state.ServerText.Length}."));
            return;
        }

        _others.RecordOperation(message.Revision, message.Operation);
        var local = _state.ApplyRemote(message.Operation, message.Revision);
        _localSelection = _localSelection?.Transform(local);
        Changed?.Invoke(this, new DocumentChangedEventArgs
        {
            Kind = DocumentChangeKind.Remote,
            Operation = local,
            Revision = message.Revision,
            ClientId = message.ClientId,
            UserId = message.UserId,
        });
        if (_others.Count > 0)
        {
            PresenceChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    private async Task FillGapAsync()
    {
        int epoch, from, upTo;
        lock (_gate)
        {
            if (_gapFilling || !_joined || !MissingLocked || IsClosed)
            {
                return;
            }

            _gapFilling = true;
            (epoch, from, upTo) = (_epoch, _state.Revision, Math.Max(_heardRevision, _held.Count > 0 ? _held.MaxRevision : 0));
        }

        try
        {
            while (from < upTo)
            {
                var page = await _client.InvokeAsync<List<OperationMessage>>(HubMethods.GetOperations, CancellationToken.None, Id, from, upTo).ConfigureAwait(false);
                lock (_gate)
                {
                    if (epoch != _epoch || page.Count == 0)
                    {
                        break;
                    }

                    foreach (var message in page)
                    {
                        EnqueueLocked(ServerEvent.Of(message));
                    }

                    from = page[^1].Revision;
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var error = CollabDocsException.FromInvokeError(ex);
            if (error.Code != ErrorCodes.Connection)
            {
                lock (_gate)
                {
                    RaiseError(error);
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _gapFilling = false;
                if (epoch == _epoch)
                {
                    DrainLocked();
                }
            }
        }
    }

    private void ReleaseSyncWaitersLocked(bool closed)
    {
        foreach (var waiter in _syncWaiters)
        {
            if (closed && _state.Outstanding is not null)
            {
                waiter.TrySetException(new ObjectDisposedException(nameof(CollabDocument), $"Document '{Id}' was closed with edits pending."));
            }
            else
            {
                waiter.TrySetResult();
            }
        }

        _syncWaiters.Clear();
    }

    private void SetStatusLocked(DocumentStatus status)
    {
        if (_status != status && !IsClosed)
        {
            _status = status;
            StatusChanged?.Invoke(this, EventArgs.Empty);
        }
    }
}
