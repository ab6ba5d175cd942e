using CollabDocs.Ot;
using CollabDocs.Protocol;

namespace CollabDocs.Client.Presence;

/// <summary>
/// The other connections' latest selections, each at the revision it was sent at, and the recent committed
/// operations needed to move them to the client's revision. A broadcast received after <see cref="BeginJoin"/>
/// wins over the join's snapshot.
/// </summary>
internal sealed class PresenceTracker
{
    private const int MaxHistory = 1000;

    private readonly Dictionary<string, PresenceMessage> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touchedSinceJoin = new(StringComparer.Ordinal);
    private readonly Queue<(int Revision, TextOperation Operation)> _history = new();

    public int Count => _sessions.Count;

    public void BeginJoin() => _touchedSinceJoin.Clear();

    public void ApplySnapshot(IEnumerable<PresenceMessage> snapshot, string? ownSessionId)
    {
        foreach (var message in snapshot)
        {
            if (message.SessionId != ownSessionId && !_touchedSinceJoin.Contains(message.SessionId))
            {
                _sessions[message.SessionId] = message;
            }
        }
    }

    public bool Update(PresenceMessage message)
    {
        _touchedSinceJoin.Add(message.SessionId);
        _sessions[message.SessionId] = message;
        return true;
    }

    public bool Remove(string sessionId)
    {
        _touchedSinceJoin.Add(sessionId);
        return _sessions.Remove(sessionId);
    }

    public void Clear() => _sessions.Clear();

    /// <summary>The operation that produced <paramref name="revision"/> (in server text terms).</summary>
    public void RecordOperation(int revision, TextOperation operation)
    {
        _history.Enqueue((revision, operation));
        if (_history.Count > MaxHistory)
        {
            _history.Dequeue();
        }
    }

    public void ResetHistory() => _history.Clear();

    /// <summary>Every session's selection moved to <paramref name="revision"/> and then through <paramref name="pending"/>.</summary>
    public List<RemotePresence> List(int revision, IReadOnlyList<TextOperation> pending)
    {
        var list = new List<RemotePresence>(_sessions.Count);
        foreach (var message in _sessions.Values)
        {
            list.Add(new RemotePresence(message.SessionId, message.UserId, message.Name, message.Color, Place(message, revision, pending)));
        }

        return list;
    }

    private Selection? Place(PresenceMessage message, int revision, IReadOnlyList<TextOperation> pending)
    {
        if (message.Revision > revision)
        {
            return null;
        }

        var selection = new Selection(message.Ranges.Select(r => new SelectionRange(r.Anchor, r.Head)).ToArray());
        int expected = message.Revision + 1;
        foreach (var (opRevision, operation) in _history)
        {
            if (opRevision <= message.Revision || opRevision > revision)
            {
                continue;
            }

            if (opRevision != expected || !Fits(selection, operation.BaseLength))
            {
                return null;
            }

            selection = selection.Transform(operation);
            expected++;
        }

        if (expected != revision + 1)
        {
            return null;
        }

        foreach (var operation in pending)
        {
            if (!Fits(selection, operation.BaseLength))
            {
                return null;
            }

            selection = selection.Transform(operation);
        }

        return selection;
    }

    private static bool Fits(Selection selection, int length)
    {
        foreach (var range in selection.Ranges)
        {
            if (!range.FitsLength(length))
            {
                return false;
            }
        }

        return true;
    }
}
