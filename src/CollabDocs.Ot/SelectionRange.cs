namespace CollabDocs.Ot;

/// <summary>
/// A selected range in UTF-16 offsets: <see cref="Anchor"/> stays put, <see cref="Head"/> is where the
/// cursor is. Equal anchor and head is a plain cursor.
/// </summary>
public readonly record struct SelectionRange(int Anchor, int Head)
{
    /// <summary>A collapsed range (a cursor) at <paramref name="position"/>.</summary>
    public static SelectionRange Cursor(int position) => new(position, position);

    /// <summary>True when the range selects nothing.</summary>
    public bool IsEmpty => Anchor == Head;

    /// <summary>The range moved through <paramref name="operation"/>.</summary>
    public SelectionRange Transform(TextOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        int anchor = operation.TransformIndex(Anchor);
        return IsEmpty ? new(anchor, anchor) : new(anchor, operation.TransformIndex(Head));
    }

    /// <summary>True when both ends are inside a text of <paramref name="length"/> characters.</summary>
    public bool FitsLength(int length) => Anchor >= 0 && Head >= 0 && Anchor <= length && Head <= length;
}
