using CollabDocs.Ot;
using CollabDocs.Server.Protocol;

namespace CollabDocs.Server.Documents;

internal sealed partial class DocumentSession
{
    // Presence lives only in memory, always at _revision: moved through every operation as it commits.
    private readonly Dictionary<string, PresenceEntry> _presence = new(StringComparer.Ordinal);
    private ITimer? _presenceTimer;
    private bool _flushScheduled;
    private long _lastFlush;

    private bool UpdatePresence(PresenceCommand command)
    {
        if (command.Ranges.Length > _limits.MaxPresenceRanges)
        {
            throw new CollabException(ErrorCodes.LimitExceeded, $"A selection may have at most {_limits.MaxPresenceRanges} ranges, got {command.Ranges.Length}.");
        }

        if (command.Revision > _revision)
        {
            throw new CollabException(ErrorCodes.RevisionInFuture, $"Presence revision {command.Revision} is ahead of the document (revision {_revision}).");
        }

        if (command.Revision < _historyStart)
        {
            throw new CollabException(ErrorCodes.RevisionTooOld, $"Presence revision {command.Revision} is too old; send it at a recent revision.");
        }

        var ranges = new SelectionRange[command.Ranges.Length];
        int length = command.Revision == _revision ? _text.Length : _history[command.Revision - _historyStart].Operation.BaseLength;
        for (int i = 0; i < ranges.Length; i++)
        {
            var range = command.Ranges[i];
            if (!range.FitsLength(length))
            {
                throw CollabException.Invalid($"Range {i} ({range.Anchor}, {range.Head}) is outside the text at revision {command.Revision} (length {length}).");
            }

            for (int r = command.Revision; r < _revision; r++)
            {
                range = range.Transform(_history[r - _historyStart].Operation);
            }

            if (_text.SplitsPair(range.Anchor) || _text.SplitsPair(range.Head))
            {
                throw CollabException.Invalid($"Range {i} ({range.Anchor}, {range.Head}) splits a surrogate pair.");
            }

            ranges[i] = range;
        }

        if (!_presence.TryGetValue(command.SessionId, out var entry))
        {
            entry = new PresenceEntry(command.SessionId);
            _presence[command.SessionId] = entry;
        }

        entry.UserId = command.UserId;
        entry.Name = command.Name;
        entry.Color = command.Color;
        entry.Ranges = ranges;
        entry.LastSeen = _time.GetTimestamp();
        entry.Dirty = true;
        SchedulePresenceFlush();
        return true;
    }

    private bool RemovePresence(string sessionId)
    {
        if (!_presence.Remove(sessionId))
        {
            return false;
        }

        BroadcastLeft(sessionId);
        return true;
    }

    private void ExpirePresence()
    {
        List<string>? expired = null;
        foreach (var entry in _presence.Values)
        {
            if (_time.GetElapsedTime(entry.LastSeen) > _options.PresenceTimeout)
            {
                (expired ??= []).Add(entry.SessionId);
            }
        }

        foreach (string sessionId in expired ?? [])
        {
            RemovePresence(sessionId);
        }
    }

    private void TransformPresence(TextOperation operation)
    {
        foreach (var entry in _presence.Values)
        {
            for (int i = 0; i < entry.Ranges.Length; i++)
            {
                entry.Ranges[i] = entry.Ranges[i].Transform(operation);
            }
        }
    }

    private void TouchPresence(string? sessionId)
    {
        if (sessionId is not null && _presence.TryGetValue(sessionId, out var entry))
        {
            entry.LastSeen = _time.GetTimestamp();
        }
    }

    private List<PresenceSnapshot> SnapshotPresence()
    {
        var snapshot = new List<PresenceSnapshot>(_presence.Count);
        foreach (var entry in _presence.Values)
        {
            snapshot.Add(new PresenceSnapshot(entry.SessionId, entry.UserId, entry.Name, entry.Color, (SelectionRange[])entry.Ranges.Clone()));
        }

        return snapshot;
    }

    /// <summary>Coalesces bursts: at most one presence broadcast per document every <see cref="DocumentOptions.PresenceThrottle"/>.</summary>
    private void SchedulePresenceFlush()
    {
        if (_flushScheduled)
        {
            return;
        }

        var wait = _options.PresenceThrottle - _time.GetElapsedTime(_lastFlush);
        if (wait <= TimeSpan.Zero)
        {
            FlushPresence();
            return;
        }

        _flushScheduled = true;
        _presenceTimer ??= _time.CreateTimer(static state => _ = ((DocumentSession)state!).TickAsync(TickKind.FlushPresence), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _presenceTimer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void FlushPresence()
    {
        _flushScheduled = false;
        _lastFlush = _time.GetTimestamp();
        foreach (var entry in _presence.Values)
        {
            if (!entry.Dirty)
            {
                continue;
            }

            entry.Dirty = false;
            var ranges = new RangeMessage[entry.Ranges.Length];
            for (int i = 0; i < ranges.Length; i++)
            {
                ranges[i] = new RangeMessage(entry.Ranges[i].Anchor, entry.Ranges[i].Head);
            }

            var message = new PresenceMessage(DocumentId, entry.SessionId, entry.UserId, entry.Name, entry.Color, _revision, ranges);
            Post(() => _broadcaster.PresenceAsync(message));
        }
    }

    private void BroadcastLeft(string sessionId)
    {
        var message = new PresenceLeftMessage(DocumentId, sessionId);
        Post(() => _broadcaster.PresenceLeftAsync(message));
    }

    private sealed class PresenceEntry(string sessionId)
    {
        public string SessionId { get; } = sessionId;

        public string UserId { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Color { get; set; } = string.Empty;

        public SelectionRange[] Ranges { get; set; } = [];

        public long LastSeen { get; set; }

        public bool Dirty { get; set; }
    }
}
