using CollabDocs.Client.Sync;
using CollabDocs.Protocol;

namespace CollabDocs.Client;

// Joining, rejoining after a reconnect, resynchronising and closing.
public sealed partial class CollabDocument
{
    private static readonly HashSet<string> FatalJoinErrors =
        [ErrorCodes.DocumentNotFound, ErrorCodes.Forbidden, ErrorCodes.InvalidArgument, ErrorCodes.LimitExceeded];

    private int _epoch;
    private bool _joined;
    private int _joinAttempt;
    private int _joinRetries;
    private bool _fullJoinPending;
    private TaskCompletionSource? _firstJoin;

    /// <summary>Joins for the first time; completes when the document has its text.</summary>
    internal Task OpenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _firstJoin = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Fire(() => JoinAsync(full: false));
            return _firstJoin.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A (new) connection is up: join again from the revision we have.</summary>
    internal void OnConnected() => Fire(() => JoinAsync(full: false));

    /// <summary>The connection is lost: its subscriptions and in-flight calls are gone with it.</summary>
    internal void OnDisconnected()
    {
        lock (_gate)
        {
            if (IsClosed)
            {
                return;
            }

            NewEpochLocked();
            _others.Clear();
            SetStatusLocked(DocumentStatus.Offline);
            PresenceChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    internal void OnDocumentClosed(string reason)
    {
        lock (_gate)
        {
            ShutdownLocked(reason);
        }
    }

    private async Task JoinAsync(bool full)
    {
        int epoch, attempt;
        int? known;
        lock (_gate)
        {
            if (IsClosed)
            {
                return;
            }

            (epoch, attempt) = (_epoch, ++_joinAttempt);
            _joined = false;
            _others.BeginJoin();
            SetStatusLocked(DocumentStatus.Joining);
            known = full || _fullJoinPending || _state.Revision < 0 ? null : _state.Revision;
        }

        JoinResult result;
        try
        {
            result = await _client.InvokeAsync<JoinResult>(HubMethods.Join, CancellationToken.None, Id, known).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            lock (_gate)
            {
                if (epoch == _epoch && attempt == _joinAttempt && !IsClosed)
                {
                    OnJoinFailedLocked(CollabDocsException.FromInvokeError(ex), full);
                }
            }

            return;
        }

        bool catchUp = false, repair = false, rebase = false;
        lock (_gate)
        {
            if (epoch != _epoch || attempt != _joinAttempt || IsClosed)
            {
                return;
            }

            _joined = true;
            _joinRetries = 0;
            (_role, _sessionId) = (result.Role, result.SessionId);
            if (result.Text is not null)
            {
                bool pending = _state.Outstanding is not null;
                repair = _repairing && pending;
                _repairing = repair;

                // Too far behind for Join to send the operations: page them in, so that pending edits survive.
                catchUp = !repair && pending && known is not null && result.Revision > known;
                rebase = pending && !repair && !catchUp && known != result.Revision;
                if (!pending)
                {
                    ResetLocked(result.Revision, result.Text);
                }
            }
            else
            {
                foreach (var message in result.Operations ?? [])
                {
                    EnqueueLocked(ServerEvent.Of(message));
                }
            }
        }

        // Pending edits the server cannot transform any more (compacted history, or a full join): merge them.
        rebase |= catchUp && !await CatchUpToAsync(epoch, result.Revision).ConfigureAwait(false);
        if (rebase && !await RebaseAsync(epoch, attempt, result.Revision, result.Text!).ConfigureAwait(false))
        {
            lock (_gate)
            {
                if (epoch == _epoch && attempt == _joinAttempt && !IsClosed)
                {
                    ScheduleLocked(BackOff(++_joinRetries), () => Fire(() => JoinAsync(full: true)));
                }
            }

            return;
        }

        if (repair && !await RepairAsync(epoch, result).ConfigureAwait(false))
        {
            lock (_gate)
            {
                if (epoch == _epoch && attempt == _joinAttempt && !IsClosed)
                {
                    _repairing = false;
                    ResyncLocked(new CollabDocsException("The text could not be repaired after a checksum mismatch; starting over from the server's text."));
                }
            }
        }

        lock (_gate)
        {
            if (epoch == _epoch && attempt == _joinAttempt && !IsClosed)
            {
                FinishJoinLocked(result);
            }
        }
    }

    private void FinishJoinLocked(JoinResult result)
    {
        _fullJoinPending = false;
        _others.ApplySnapshot(result.Presence ?? [], _sessionId);
        SetStatusLocked(DocumentStatus.Live);
        PresenceChanged?.Invoke(this, EventArgs.Empty);

        // Our operation was not among the committed ones: resend it with the same seq (exactly-once makes it safe).
        SendLocked();
        _selectionDirty = _localSelection is not null;
        FlushPresenceLocked();
        DrainLocked();
        _firstJoin?.TrySetResult();
        _firstJoin = null;
    }

    /// <summary>Pages in the operations up to <paramref name="to"/>; false when that did not work.</summary>
    private async Task<bool> CatchUpToAsync(int epoch, int to)
    {
        try
        {
            while (true)
            {
                int from = Revision;
                if (from >= to)
                {
                    return true;
                }

                var page = await _client.InvokeAsync<List<OperationMessage>>(HubMethods.GetOperations, CancellationToken.None, Id, from, to).ConfigureAwait(false);
                lock (_gate)
                {
                    if (epoch != _epoch || page.Count == 0)
                    {
                        return false;
                    }

                    foreach (var message in page)
                    {
                        EnqueueLocked(ServerEvent.Of(message));
                    }

                    if (_state.Revision == from)
                    {
                        return false;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    private void OnJoinFailedLocked(CollabDocsException error, bool full)
    {
        if (error.Code == ErrorCodes.Connection && !_client.IsConnected)
        {
            return; // Joined again when the connection is back.
        }

        RaiseError(error);
        if (FatalJoinErrors.Contains(error.Code))
        {
            var first = _firstJoin;
            _firstJoin = null;
            ShutdownLocked(error.Code);
            first?.TrySetException(error);
            return;
        }

        // unavailable, rate_limited or a refused known revision: try again (from scratch for the latter).
        bool fromScratch = full || (error.Code is not ErrorCodes.Unavailable and not ErrorCodes.RateLimited and not ErrorCodes.Connection);
        ScheduleLocked(error.RetryAfter ?? BackOff(++_joinRetries), () => Fire(() => JoinAsync(fromScratch)));
    }

    /// <summary>Reports <paramref name="error"/> and joins again from the full text, dropping pending edits.</summary>
    private void ResyncLocked(CollabDocsException error)
    {
        RaiseError(error);
        _held.Clear();
        NewEpochLocked();
        _fullJoinPending = true;
        if (_client.IsConnected)
        {
            Fire(() => JoinAsync(full: true));
        }
    }

    /// <summary>Everything of the current connection or join attempt is void from here on.</summary>
    private void NewEpochLocked()
    {
        _epoch++;
        _joined = false;
        _gapFillScheduled = false;
        _submitRetryScheduled = false;
        _presenceScheduled = false;
        if (_state.Outstanding is { } outstanding)
        {
            outstanding.InFlight = false;
        }
    }

    private void ShutdownLocked(string reason)
    {
        if (IsClosed)
        {
            return;
        }

        NewEpochLocked();
        SetStatusLocked(DocumentStatus.Closed);
        _client.Detach(this);
        ReleaseSyncWaitersLocked(closed: true);
        _firstJoin?.TrySetException(new CollabDocsException(ErrorCodes.Client, $"Document '{Id}' was closed: {reason}."));
        _firstJoin = null;
        Closed?.Invoke(this, new DocumentClosedEventArgs(reason));
    }
}
