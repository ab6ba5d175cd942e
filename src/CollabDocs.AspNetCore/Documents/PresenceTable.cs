using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Storage;

namespace CollabDocs.Server.Documents;

/// <summary>
/// The presence of one document's connections, kept only in memory and always at the document's current
/// revision: ranges move through every operation as it commits (<see cref="Transform"/>), entries of silent
/// connections expire (<see cref="Expire"/>), and changes are coalesced so at most one flush per
/// <see cref="DocumentOptions.PresenceThrottle"/> leaves (<see cref="Flush"/>), with at most
/// <see cref="DocumentOptions.MaxPresencePerFlush"/> broadcasts (fewer in a crowded document:
/// <see cref="DocumentOptions.MaxPresenceDeliveriesPerFlush"/>), the entries changed longest ago first. Driven by
/// <see cref="TimeProvider"/>; when a throttled flush falls due it calls <c>flushDue</c> (the actor then
/// queues the flush on its loop). Changes and departures go to <c>publish</c> (the actor's outbox).
/// Not thread-safe: only the actor's loop uses it.
/// </summary>
internal sealed class PresenceTable(string documentId, DocumentOptions options, LimitsOptions limits, TimeProvider time, Action flushDue, Action<object> publish) : IDisposable
{
    private readonly Dictionary<string, PresenceEntry> _entries = new(StringComparer.Ordinal);

    // Changed entries in the order they changed; a removed entry stays until a flush skips it.
    private readonly Queue<PresenceEntry> _dirty = new();
    private ITimer? _timer;
    private bool _flushScheduled;
    private long _lastFlush;

    public int Count => _entries.Count;

    /// <summary>
    /// Sets a connection's ranges, given at <see cref="PresenceCommand.Revision"/>, moved to <paramref name="revision"/>
    /// through <paramref name="history"/> (the committed operations (<paramref name="historyStart"/>, <paramref name="revision"/>]),
    /// and flushes now if the throttle allows, else schedules a flush.
    /// </summary>
    public void Update(PresenceCommand command, TextDocument text, int revision, int historyStart, IReadOnlyList<StoredOperation> history)
    {
        if (command.Ranges.Length > limits.MaxPresenceRanges)
        {
            throw new CollabException(ErrorCodes.LimitExceeded, $"A selection may have at most {limits.MaxPresenceRanges} ranges, got {command.Ranges.Length}.");
        }

        if (command.Revision > revision)
        {
            throw new CollabException(ErrorCodes.RevisionInFuture, $"Presence revision {command.Revision} is ahead of the document (revision {revision}).");
        }

        if (command.Revision < historyStart)
        {
            throw new CollabException(ErrorCodes.RevisionTooOld, $"Presence revision {command.Revision} is too old; send it at a recent revision.");
        }

        var ranges = new SelectionRange[command.Ranges.Length];
        int length = command.Revision == revision ? text.Length : history[command.Revision - historyStart].Operation.BaseLength;
        for (int i = 0; i < ranges.Length; i++)
        {
            var range = command.Ranges[i];
            if (!range.FitsLength(length))
            {
                throw CollabException.Invalid($"Range {i} ({range.Anchor}, {range.Head}) is outside the text at revision {command.Revision} (length {length}).");
            }

            for (int r = command.Revision; r < revision; r++)
            {
                range = range.Transform(history[r - historyStart].Operation);
            }

            if (text.SplitsPair(range.Anchor) || text.SplitsPair(range.Head))
            {
                throw CollabException.Invalid($"Range {i} ({range.Anchor}, {range.Head}) splits a surrogate pair.");
            }

            ranges[i] = range;
        }

        if (!_entries.TryGetValue(command.SessionId, out var entry))
        {
            entry = new PresenceEntry(command.SessionId);
            _entries[command.SessionId] = entry;
        }

        entry.UserId = command.UserId;
        entry.Name = command.Name;
        entry.Color = command.Color;
        entry.Ranges = ranges;
        entry.LastSeen = time.GetTimestamp();
        if (!entry.Dirty)
        {
            entry.Dirty = true;
            _dirty.Enqueue(entry);
        }

        if (ScheduleFlush())
        {
            Flush(revision);
        }
    }

    /// <summary>Removes a connection's presence and publishes its departure; false if it had none here.</summary>
    public bool Remove(string sessionId)
    {
        if (!_entries.Remove(sessionId, out var entry))
        {
            return false;
        }

        entry.Dirty = false;

        publish(new PresenceLeftMessage(documentId, sessionId));
        return true;
    }

    /// <summary>Removes the connections silent for longer than <see cref="DocumentOptions.PresenceTimeout"/>.</summary>
    public void Expire()
    {
        var expired = new List<string>();
        foreach (var entry in _entries.Values)
        {
            if (time.GetElapsedTime(entry.LastSeen) > options.PresenceTimeout)
            {
                expired.Add(entry.SessionId);
            }
        }

        expired.ForEach(sessionId => Remove(sessionId));
    }

    /// <summary>Moves every range through a committed <paramref name="operation"/>.</summary>
    public void Transform(TextOperation operation)
    {
        foreach (var entry in _entries.Values)
        {
            for (int i = 0; i < entry.Ranges.Length; i++)
            {
                entry.Ranges[i] = entry.Ranges[i].Transform(operation);
            }
        }
    }

    /// <summary>The connection was active (it submitted): its presence does not expire yet.</summary>
    public void Touch(string? sessionId)
    {
        if (sessionId is not null && _entries.TryGetValue(sessionId, out var entry))
        {
            entry.LastSeen = time.GetTimestamp();
        }
    }

    /// <summary>Copies of every entry, for a join.</summary>
    public List<PresenceSnapshot> Snapshot()
    {
        var snapshot = new List<PresenceSnapshot>(_entries.Count);
        foreach (var entry in _entries.Values)
        {
            snapshot.Add(new PresenceSnapshot(entry.SessionId, entry.UserId, entry.Name, entry.Color, (SelectionRange[])entry.Ranges.Clone()));
        }

        return snapshot;
    }

    /// <summary>
    /// Publishes the entries changed since the last flush (at most <see cref="DocumentOptions.MaxPresencePerFlush"/>,
    /// changed longest ago first) at <paramref name="revision"/>; starts a new throttle period, at whose end the
    /// entries left over are flushed.
    /// </summary>
    public void Flush(int revision)
    {
        _flushScheduled = false;
        _lastFlush = time.GetTimestamp();
        int published = 0, limit = Math.Clamp(options.MaxPresenceDeliveriesPerFlush / Math.Max(1, _entries.Count), 1, options.MaxPresencePerFlush);
        while (published < limit && _dirty.TryDequeue(out var entry))
        {
            if (!entry.Dirty)
            {
                continue;
            }

            entry.Dirty = false;
            published++;
            var ranges = new RangeMessage[entry.Ranges.Length];
            for (int i = 0; i < ranges.Length; i++)
            {
                ranges[i] = new RangeMessage(entry.Ranges[i].Anchor, entry.Ranges[i].Head);
            }

            publish(new PresenceMessage(documentId, entry.SessionId, entry.UserId, entry.Name, entry.Color, revision, ranges));
        }

        if (_dirty.Count > 0)
        {
            ArmTimer(options.PresenceThrottle);
        }
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>Coalesces bursts: true if a flush is due now, else (at most one) timer calls <c>flushDue</c> when it is.</summary>
    private bool ScheduleFlush()
    {
        if (_flushScheduled)
        {
            return false;
        }

        var wait = options.PresenceThrottle - time.GetElapsedTime(_lastFlush);
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }

        ArmTimer(wait);
        return false;
    }

    private void ArmTimer(TimeSpan wait)
    {
        _flushScheduled = true;
        _timer ??= time.CreateTimer(static state => ((Action)state!)(), flushDue, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }
}
