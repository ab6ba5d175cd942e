namespace CollabDocs.Ot.Authorship;

/// <summary>
/// Who inserted each part of a text ("blame"), kept up to date by applying every operation with its
/// author: a retain keeps the ranges it passes, an insert splits the range it lands in and adds one,
/// a delete removes what it covers. The text is held as runs (a length and the revision that inserted
/// it), adjacent runs of one revision merged, in an implicit treap ordered by position, so applying an
/// operation costs O(components · log runs + runs removed), whatever the document's history.
/// </summary>
/// <remarks>
/// Every revision has one author and one time, so a run stores only its revision; the authors of the
/// revisions still present are looked up in <see cref="_authors"/>, pruned as revisions disappear.
/// Not thread-safe.
/// </remarks>
public sealed partial class AuthorshipMap
{
    private readonly Dictionary<int, Author> _authors = [];

    /// <summary>A text of <paramref name="length"/> characters, all inserted by one author (revision 0: the initial text).</summary>
    public AuthorshipMap(int length, string userId, int revision = 0, long timestamp = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        Revision = revision;
        _authors[revision] = new Author(userId, timestamp);
        if (length > 0)
        {
            _root = NewNode(length, revision);
        }
    }

    private AuthorshipMap(int revision)
    {
        Revision = revision;
    }

    /// <summary>The revision of the last operation applied (or of the initial text).</summary>
    public int Revision { get; private set; }

    /// <summary>Length of the text in UTF-16 code units.</summary>
    public int Length => SumOf(_root);

    /// <summary>Number of runs (maximal ranges of one revision).</summary>
    public int RunCount => _count;

    /// <summary>
    /// Applies <paramref name="operation"/>, committed as <paramref name="revision"/> by
    /// <paramref name="userId"/> at <paramref name="timestamp"/>.
    /// </summary>
    /// <exception cref="OperationException">The operation's base length is not <see cref="Length"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The revision is not after <see cref="Revision"/>.</exception>
    public void Apply(TextOperation operation, string userId, int revision, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(userId);
        if (operation.BaseLength != Length)
        {
            throw new OperationException(OperationErrorKind.LengthMismatch, $"The operation's base length {operation.BaseLength} differs from the text's length {Length}.");
        }

        if (revision <= Revision)
        {
            throw new ArgumentOutOfRangeException(nameof(revision), revision, $"Revision {revision} is not after the map's revision {Revision}.");
        }

        int position = 0;
        bool inserted = false;
        foreach (var component in operation.Components)
        {
            if (component.IsRetain)
            {
                position += component.Length;
            }
            else if (component.IsInsert)
            {
                InsertRun(position, component.Length, revision);
                position += component.Length;
                inserted = true;
            }
            else
            {
                DeleteRange(position, component.Length);
            }
        }

        Revision = revision;
        if (inserted)
        {
            _authors[revision] = new Author(userId, timestamp);
        }

        if (_authors.Count > 64 && _authors.Count > 2 * _count)
        {
            PruneAuthors();
        }
    }

    /// <summary>The ranges in text order, each a maximal run of one revision.</summary>
    public IReadOnlyList<AuthorshipRange> GetRanges()
    {
        var (lengths, revisions) = Runs();
        var ranges = new List<AuthorshipRange>(lengths.Length);
        int start = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            var author = _authors[revisions[i]];
            ranges.Add(new AuthorshipRange(start, lengths[i], author.UserId, revisions[i], author.Timestamp));
            start += lengths[i];
        }

        return ranges;
    }

    /// <summary>A copy that evolves independently.</summary>
    public AuthorshipMap Clone()
    {
        var copy = new AuthorshipMap(Revision);
        copy._authors.EnsureCapacity(_authors.Count);
        copy.EnsureNodes(_count);
        foreach (var (revision, author) in _authors)
        {
            copy._authors[revision] = author;
        }

        var (lengths, revisions) = Runs();
        copy.BuildRuns(lengths, revisions);
        return copy;
    }

    private void PruneAuthors() => PresentRevisions();

    /// <summary>Drops the authors of revisions no longer in the text (<paramref name="present"/>: ascending, distinct).</summary>
    private void ForgetAuthorsNotIn(ReadOnlySpan<int> present)
    {
        // Every revision present has an author: as many authors as revisions present means no other.
        if (_authors.Count == present.Length)
        {
            return;
        }

        foreach (int revision in _authors.Keys)
        {
            if (present.BinarySearch(revision) < 0)
            {
                _authors.Remove(revision);
            }
        }
    }

    private readonly record struct Author(string UserId, long Timestamp);
}
