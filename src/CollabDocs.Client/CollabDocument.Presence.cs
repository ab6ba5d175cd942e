using System.Collections.Immutable;
using CollabDocs.Client.Presence;
using CollabDocs.Ot;
using CollabDocs.Protocol;

namespace CollabDocs.Client;

// This user's selection out, the others' presence in.
public sealed partial class CollabDocument
{
    private static readonly TimeSpan PresenceInterval = TimeSpan.FromMilliseconds(50);

    private Selection? _localSelection;
    private bool _selectionDirty;
    private bool _presenceScheduled;
    private long _lastPresenceSent = long.MinValue;
    private int _presenceGeneration;

    /// <summary>The other connections and their selections, moved to the local text.</summary>
    public IReadOnlyList<RemotePresence> Presence
    {
        get
        {
            lock (_gate)
            {
                var pending = new List<TextOperation>(2);
                if (_state.Outstanding is { } outstanding)
                {
                    pending.Add(outstanding.Operation);
                }

                if (_state.Buffer is { } buffer)
                {
                    pending.Add(buffer);
                }

                return _others.List(_state.Revision, pending);
            }
        }
    }

    /// <summary>
    /// Publishes this user's selection in offsets of the local <see cref="Text"/> (null or no ranges clears it).
    /// Sent at once while synchronized (at most every 50 ms); otherwise kept, moved with later edits, and sent
    /// when the acknowledgements bring the document back to synchronized. Re-sent periodically while unchanged.
    /// </summary>
    public void SetSelection(Selection? selection)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            _localSelection = Clamp(selection ?? new Selection(ImmutableArray<SelectionRange>.Empty), _state.Text.Length);
            _selectionDirty = true;
            FlushPresenceLocked();
        }
    }

    internal void OnPresence(PresenceMessage message)
    {
        lock (_gate)
        {
            if (IsClosed)
            {
                return;
            }

            if (message.SessionId != _sessionId && _others.Update(message))
            {
                PresenceChanged?.Invoke(this, EventArgs.Empty);
            }

            if (_joined)
            {
                HeardRevisionLocked(message.Revision);
            }
        }
    }

    internal void OnPresenceLeft(PresenceLeftMessage message)
    {
        lock (_gate)
        {
            if (!IsClosed && _others.Remove(message.SessionId))
            {
                PresenceChanged?.Invoke(this, EventArgs.Empty);
            }
        }
    }

    /// <summary>Sends the selection when it changed, the document is joined and synchronized, and the interval allows.</summary>
    private void FlushPresenceLocked()
    {
        if (!_selectionDirty || !_joined || _state.Outstanding is not null || IsClosed || _presenceScheduled)
        {
            return;
        }

        var wait = _options.TimeProvider.GetElapsedTime(_lastPresenceSent) is var elapsed && _lastPresenceSent != long.MinValue && elapsed < PresenceInterval
            ? PresenceInterval - elapsed
            : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            _presenceScheduled = true;
            ScheduleLocked(wait, () =>
            {
                _presenceScheduled = false;
                FlushPresenceLocked();
            });
            return;
        }

        _selectionDirty = false;
        _lastPresenceSent = _options.TimeProvider.GetTimestamp();
        var ranges = (_localSelection?.Ranges ?? []).Select(r => new RangeMessage(r.Anchor, r.Head)).ToArray();
        var (epoch, revision) = (_epoch, _state.Revision);
        int generation = ++_presenceGeneration;
        if (_options.PresenceHeartbeat > TimeSpan.Zero && ranges.Length > 0)
        {
            // The server shows a connection as gone after a minute without presence: re-send it now and then.
            ScheduleLocked(_options.PresenceHeartbeat, () =>
            {
                if (generation == _presenceGeneration)
                {
                    _selectionDirty = true;
                    FlushPresenceLocked();
                }
            });
        }

        Fire(async () =>
        {
            try
            {
                await _client.InvokeAsync<object?>(HubMethods.UpdatePresence, CancellationToken.None, Id, revision, ranges).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                OnPresenceFailed(CollabDocsException.FromInvokeError(ex), epoch);
            }
        });
    }

    private void OnPresenceFailed(CollabDocsException error, int epoch)
    {
        lock (_gate)
        {
            if (epoch != _epoch || error.Code == ErrorCodes.Connection)
            {
                return; // Published again after the rejoin.
            }

            RaiseError(error);
            if (error.Code is ErrorCodes.RateLimited or ErrorCodes.Unavailable)
            {
                _selectionDirty = true;
                _presenceScheduled = true;
                ScheduleLocked(error.RetryAfter ?? BackOff(1), () =>
                {
                    _presenceScheduled = false;
                    FlushPresenceLocked();
                });
            }
        }
    }

    private static Selection Clamp(Selection selection, int length) =>
        new(selection.Ranges.Select(r => new SelectionRange(Math.Clamp(r.Anchor, 0, length), Math.Clamp(r.Head, 0, length))).ToArray());
}
