namespace CollabDocs.Ot;

public sealed partial class TextOperation
{
    /// <summary>
    /// Moves a position in the base text to the matching position in the target text (ot.js's
    /// <c>transformIndex</c>): text inserted at the position goes before it, and a position inside
    /// deleted text moves to where the deletion happened. A position that was not inside a
    /// surrogate pair never ends up inside one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the base text.</exception>
    public int TransformIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, BaseLength);
        int remaining = index;
        int moved = index;
        foreach (var component in _components)
        {
            if (component.IsRetain)
            {
                remaining -= component.Length;
            }
            else if (component.IsInsert)
            {
                moved += component.Length;
            }
            else
            {
                moved -= Math.Min(remaining, component.Length);
                remaining -= component.Length;
            }

            if (remaining < 0)
            {
                break;
            }
        }

        return moved;
    }
}
