using System.Collections.Concurrent;
using CollabDocs.Server.Security;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Access;

/// <summary>
/// Remembers, for <see cref="RateLimitOptions.StrangerRefusalMemory"/>, that a user has no role on an existing document,
/// so a stranger's repeated calls are refused without querying the store (issue 10). Only refusals are remembered,
/// never a role: a revoked role still takes effect as before. A role granted through this node forgets the refusal at
/// once (<see cref="MembershipService.ApplyAsync"/>). Bounded: past <see cref="MaxEntries"/> the expired entries go,
/// and if that is not enough, all of them.
/// </summary>
internal sealed class StrangerRefusals(IOptions<RateLimitOptions> options, TimeProvider time)
{
    internal const int MaxEntries = 100_000;

    private readonly TimeSpan _memory = options.Value.StrangerRefusalMemory;
    private readonly ConcurrentDictionary<(string DocumentId, string UserId), long> _since = new();

    public bool IsRefused(string documentId, string userId)
    {
        if (!_since.TryGetValue((documentId, userId), out long since))
        {
            return false;
        }

        if (time.GetElapsedTime(since) < _memory)
        {
            return true;
        }

        _since.TryRemove(new KeyValuePair<(string, string), long>((documentId, userId), since));
        return false;
    }

    public void Remember(string documentId, string userId)
    {
        if (_memory <= TimeSpan.Zero)
        {
            return;
        }

        if (_since.Count >= MaxEntries)
        {
            Prune();
        }

        _since[(documentId, userId)] = time.GetTimestamp();
    }

    public void Forget(string documentId, string userId) => _since.TryRemove((documentId, userId), out _);

    private void Prune()
    {
        foreach (var (key, since) in _since)
        {
            if (time.GetElapsedTime(since) >= _memory)
            {
                _since.TryRemove(new KeyValuePair<(string, string), long>(key, since));
            }
        }

        if (_since.Count >= MaxEntries)
        {
            _since.Clear();
        }
    }
}
