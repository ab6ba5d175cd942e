using CollabDocs.Client.Sync;
using CollabDocs.Ot;
using CollabDocs.Protocol;

namespace CollabDocs.Client;

// Submitting the outstanding operation, retrying it, and keeping it in the pending-edit store.
public sealed partial class CollabDocument
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(5);

    private bool _submitRetryScheduled;

    /// <summary>Saves and sends the outstanding operation unless it is in flight, acknowledged, or the document is not joined.</summary>
    private void SendLocked(bool saved = false)
    {
        var outstanding = _state.Outstanding;
        if (outstanding is null || outstanding.InFlight || outstanding.AckedAs is not null || !_joined || IsClosed || _submitRetryScheduled)
        {
            return;
        }

        outstanding.InFlight = true;
        outstanding.SentEpoch = _epoch;
        if (!saved)
        {
            SaveLocked(); // Before sending: a restart resends exactly this seq.
        }

        var (epoch, baseRevision, operation) = (_epoch, _state.Revision, outstanding.Operation);
        Fire(() => SubmitAsync(outstanding, epoch, baseRevision, operation));
    }

    private async Task SubmitAsync(Outstanding outstanding, int epoch, int baseRevision, TextOperation operation)
    {
        SubmitResult result;
        try
        {
            result = await _client.InvokeAsync<SubmitResult>(HubMethods.Submit, CancellationToken.None, Id, baseRevision, operation, ClientId, outstanding.Seq).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            lock (_gate)
            {
                if (_state.Outstanding == outstanding && outstanding.SentEpoch == epoch && epoch == _epoch && !IsClosed)
                {
                    outstanding.InFlight = false;
                    OnSubmitFailedLocked(CollabDocsException.FromInvokeError(ex), outstanding);
                }
            }

            return;
        }

        lock (_gate)
        {
            if (outstanding.SentEpoch == epoch)
            {
                outstanding.InFlight = false;
            }

            if (_state.Outstanding == outstanding && !IsClosed)
            {
                outstanding.AckedAs = result.Revision;
                EnqueueLocked(ServerEvent.Ack(result.Revision, outstanding.Seq, result.Checksum));
            }
        }
    }

    private void OnSubmitFailedLocked(CollabDocsException error, Outstanding outstanding)
    {
        switch (error.Code)
        {
            case ErrorCodes.Connection:
                if (_client.IsConnected && _joined)
                {
                    RetrySubmitLocked(outstanding, null); // The call failed although the connection stayed up.
                }

                return; // Otherwise the rejoin after the reconnect resends it.
            case ErrorCodes.Unavailable:
            case ErrorCodes.RateLimited:
                RaiseError(error);
                RetrySubmitLocked(outstanding, error.RetryAfter);
                return;
            default:
                // operation_mismatch, revision_in_future, revision_too_old, or a client bug: start over from the server's text.
                ResyncLocked(error);
                return;
        }
    }

    /// <summary>Sends the same seq again after a back-off (or the server's hint).</summary>
    private void RetrySubmitLocked(Outstanding outstanding, TimeSpan? retryAfter)
    {
        outstanding.Retries++;
        _submitRetryScheduled = true;
        ScheduleLocked(retryAfter ?? BackOff(outstanding.Retries), () =>
        {
            _submitRetryScheduled = false;
            SendLocked();
        });
    }

    private TimeSpan BackOff(int attempt)
    {
        double factor = Math.Pow(2, Math.Min(attempt - 1, 10));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryDelay.Ticks * factor, MaxBackOff.Ticks));

        // Jitter, so that clients refused together do not come back together.
        return delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 50));
    }

    private void SaveLocked()
    {
        if (_store is null || _state.Snapshot(Id, ClientId) is not { } snapshot)
        {
            return;
        }

        try
        {
            _store.Save(snapshot);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RaiseError(new CollabDocsException(ErrorCodes.Client, $"Saving the pending edits of '{Id}' failed: {ex.Message}", ex));
        }
    }

    private void DeleteSavedLocked()
    {
        try
        {
            _store?.Delete(Id);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RaiseError(new CollabDocsException(ErrorCodes.Client, $"Deleting the pending edits of '{Id}' failed: {ex.Message}", ex));
        }
    }

    /// <summary>Runs <paramref name="action"/> (locked) after <paramref name="delay"/>, unless the epoch changed meanwhile.</summary>
    private void ScheduleLocked(TimeSpan delay, Action action)
    {
        int epoch = _epoch;
        Fire(async () =>
        {
            await Task.Delay(delay, _options.TimeProvider).ConfigureAwait(false);
            lock (_gate)
            {
                if (epoch == _epoch && !IsClosed)
                {
                    action();
                }
            }
        });
    }

    /// <summary>Starts <paramref name="work"/> on the thread pool (never inline under the lock); failures become <see cref="Error"/> events.</summary>
    private void Fire(Func<Task> work) => _ = Task.Run(async () =>
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            lock (_gate)
            {
                RaiseError(new CollabDocsException(ErrorCodes.Client, $"Unexpected failure in document '{Id}': {ex.Message}", ex));
            }
        }
    });

    private void RaiseError(CollabDocsException error)
    {
        try
        {
            Error?.Invoke(this, new CollabDocsErrorEventArgs(error));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An error handler that throws must not break the state machine.
        }
    }
}
