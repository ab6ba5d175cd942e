namespace CollabDocs.Client.Sync;

/// <summary>Server events held until every earlier revision is applied (docs/protocol.md, client obligation 2).</summary>
internal sealed class ServerEventQueue
{
    private readonly SortedDictionary<int, ServerEvent> _held = [];

    public int Count => _held.Count;

    /// <summary>The highest revision held (only when <see cref="Count"/> is positive).</summary>
    public int MaxRevision => _held.Keys.Last();

    /// <summary>Holds <paramref name="next"/> unless it is already applied or held.</summary>
    public bool Add(ServerEvent next, int currentRevision) =>
        next.Revision > currentRevision && _held.TryAdd(next.Revision, next);

    public bool TryTake(int revision, out ServerEvent next) => _held.Remove(revision, out next);

    public void Clear() => _held.Clear();

    /// <summary>Drops everything at or before <paramref name="revision"/> (after a reset).</summary>
    public void RemoveUpTo(int revision)
    {
        while (_held.Count > 0 && _held.Keys.First() <= revision)
        {
            _held.Remove(_held.Keys.First());
        }
    }
}
