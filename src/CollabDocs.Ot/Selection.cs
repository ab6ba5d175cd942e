using System.Collections.Immutable;

namespace CollabDocs.Ot;

/// <summary>One client's selection: one or more ranges (ot.js's <c>Selection</c>). Immutable.</summary>
public sealed class Selection : IEquatable<Selection>
{
    public Selection(ImmutableArray<SelectionRange> ranges)
    {
        Ranges = ranges.IsDefault ? [] : ranges;
    }

    public Selection(params SelectionRange[] ranges)
        : this(ImmutableArray.Create(ranges))
    {
    }

    /// <summary>The ranges, in the order the client gave them.</summary>
    public ImmutableArray<SelectionRange> Ranges { get; }

    /// <summary>A selection with a single cursor at <paramref name="position"/>.</summary>
    public static Selection Cursor(int position) => new(SelectionRange.Cursor(position));

    /// <summary>Every range moved through <paramref name="operation"/>.</summary>
    public Selection Transform(TextOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var moved = ImmutableArray.CreateBuilder<SelectionRange>(Ranges.Length);
        foreach (var range in Ranges)
        {
            moved.Add(range.Transform(operation));
        }

        return new Selection(moved.MoveToImmutable());
    }

    /// <summary>
    /// True when every end is inside <paramref name="text"/> and none falls between the halves of a
    /// surrogate pair.
    /// </summary>
    public bool FitsText(ReadOnlySpan<char> text)
    {
        foreach (var range in Ranges)
        {
            if (!range.FitsLength(text.Length) || Utf16.SplitsPair(text, range.Anchor) || Utf16.SplitsPair(text, range.Head))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(Selection? other) => other is not null && Ranges.AsSpan().SequenceEqual(other.Ranges.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as Selection);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var range in Ranges)
        {
            hash.Add(range);
        }

        return hash.ToHashCode();
    }
}
