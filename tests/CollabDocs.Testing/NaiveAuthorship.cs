using CollabDocs.Ot;
using CollabDocs.Ot.Authorship;

namespace CollabDocs.Testing;

/// <summary>
/// The reference for authorship: one entry per character (the revision that inserted it), rebuilt
/// in full for every operation. Slow and obviously right.
/// </summary>
public sealed class NaiveAuthorship
{
    private readonly Dictionary<int, (string UserId, long Timestamp)> _authors = [];
    private List<int> _revisions;

    public NaiveAuthorship(int length, string userId, int revision = 0, long timestamp = 0)
    {
        _revisions = Enumerable.Repeat(revision, length).ToList();
        _authors[revision] = (userId, timestamp);
    }

    public void Apply(TextOperation operation, string userId, int revision, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var next = new List<int>(operation.TargetLength);
        int read = 0;
        foreach (var component in operation.Components)
        {
            if (component.IsRetain)
            {
                next.AddRange(_revisions.GetRange(read, component.Length));
                read += component.Length;
            }
            else if (component.IsInsert)
            {
                next.AddRange(Enumerable.Repeat(revision, component.Length));
            }
            else
            {
                read += component.Length;
            }
        }

        if (read != _revisions.Count)
        {
            throw new InvalidOperationException($"The operation's base length {read} differs from the text's length {_revisions.Count}.");
        }

        _revisions = next;
        _authors[revision] = (userId, timestamp);
    }

    /// <summary>Maximal runs of one revision, in text order.</summary>
    public IReadOnlyList<AuthorshipRange> GetRanges()
    {
        var ranges = new List<AuthorshipRange>();
        for (int start = 0; start < _revisions.Count;)
        {
            int end = start;
            while (end < _revisions.Count && _revisions[end] == _revisions[start])
            {
                end++;
            }

            var (userId, timestamp) = _authors[_revisions[start]];
            ranges.Add(new AuthorshipRange(start, end - start, userId, _revisions[start], timestamp));
            start = end;
        }

        return ranges;
    }
}
