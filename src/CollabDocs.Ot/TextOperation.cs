using System.Text;

namespace CollabDocs.Ot;

/// <summary>
/// An edit of a plain-text document: a sequence of retain, insert and delete components that walks
/// the whole base text (ot.js's <c>TextOperation</c>). Immutable, in normal form (see
/// <see cref="TextOperationBuilder"/>), and compared by value. Lengths and positions are UTF-16 code
/// units; no component boundary may split a surrogate pair.
/// </summary>
public sealed partial class TextOperation : IEquatable<TextOperation>
{
    // Builders that Compose and Transform reuse on each thread, so a call allocates only its results.
    [ThreadStatic]
    private static TextOperationBuilder? _scratchFirst;
    [ThreadStatic]
    private static TextOperationBuilder? _scratchSecond;

    private readonly OperationComponent[] _components;

    internal TextOperation(OperationComponent[] components, int baseLength, int targetLength)
    {
        _components = components;
        BaseLength = baseLength;
        TargetLength = targetLength;
    }

    /// <summary>Length of the text this operation applies to.</summary>
    public int BaseLength { get; }

    /// <summary>Length of the text this operation produces.</summary>
    public int TargetLength { get; }

    /// <summary>The components in order.</summary>
    public ReadOnlySpan<OperationComponent> Components => _components;

    /// <summary>True when applying the operation changes nothing.</summary>
    public bool IsNoop => _components.Length == 0 || (_components.Length == 1 && _components[0].IsRetain);

    /// <summary>A new builder; see <see cref="TextOperationBuilder"/>.</summary>
    public static TextOperationBuilder CreateBuilder() => new();

    /// <summary>The operation that leaves a text of <paramref name="length"/> characters unchanged.</summary>
    public static TextOperation Identity(int length) => new TextOperationBuilder(1).Retain(length).Build();

    /// <summary>
    /// A single edit at one place, as editors and editing traces describe it: at
    /// <paramref name="position"/> delete <paramref name="deleteCount"/> characters, then insert
    /// <paramref name="insert"/>, in a text of <paramref name="documentLength"/> characters.
    /// </summary>
    public static TextOperation Splice(int documentLength, int position, int deleteCount, string insert)
    {
        ArgumentNullException.ThrowIfNull(insert);
        if (position < 0 || deleteCount < 0 || (long)position + deleteCount > documentLength)
        {
            throw new OperationException(OperationErrorKind.LengthMismatch, $"Splice at {position} deleting {deleteCount} does not fit a text of length {documentLength}.");
        }

        return new TextOperationBuilder(4)
            .Retain(position)
            .Insert(insert)
            .Delete(deleteCount)
            .Retain(documentLength - position - deleteCount)
            .Build();
    }

    /// <summary>Applies the operation to <paramref name="text"/> and returns the new text.</summary>
    /// <exception cref="OperationException">The lengths differ or a boundary splits a surrogate pair.</exception>
    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckFits(text);
        return string.Create(TargetLength, (text, _components), static (destination, state) =>
        {
            var (source, components) = state;
            int read = 0;
            int written = 0;
            foreach (var component in components)
            {
                if (component.IsRetain)
                {
                    source.AsSpan(read, component.Length).CopyTo(destination[written..]);
                    read += component.Length;
                    written += component.Length;
                }
                else if (component.IsInsert)
                {
                    component.Text.CopyTo(destination[written..]);
                    written += component.Length;
                }
                else
                {
                    read += component.Length;
                }
            }
        });
    }

    /// <summary>
    /// Throws unless this operation can be applied to <paramref name="text"/>: the base length equals
    /// the text's length and no component boundary falls inside a surrogate pair.
    /// </summary>
    public void CheckFits(ReadOnlySpan<char> text)
    {
        if (text.Length != BaseLength)
        {
            throw new OperationException(OperationErrorKind.LengthMismatch, $"The operation's base length {BaseLength} differs from the text's length {text.Length}.");
        }

        int position = 0;
        for (int i = 0; i < _components.Length; i++)
        {
            if (Utf16.SplitsPair(text, position))
            {
                throw SplitError(i, position);
            }

            if (!_components[i].IsInsert)
            {
                position += _components[i].Length;
            }
        }
    }

    /// <summary>
    /// The operation whose effect is this one followed by <paramref name="next"/>:
    /// <c>Apply(Apply(S, this), next) == Apply(S, this.Compose(next))</c>.
    /// </summary>
    public TextOperation Compose(TextOperation next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (TargetLength != next.BaseLength)
        {
            throw new OperationException(OperationErrorKind.LengthMismatch, $"Compose: the first operation's target length {TargetLength} differs from the second's base length {next.BaseLength}.");
        }

        var result = ScratchBuilder.Rent(ref _scratchFirst);
        var first = new ComponentCursor(_components);
        var second = new ComponentCursor(next._components);
        while (true)
        {
            if (first.Done && second.Done)
            {
                var composed = result.Build();
                ScratchBuilder.Return(ref _scratchFirst, result);
                return composed;
            }

            if (first.IsDelete)
            {
                result.Delete(first.Take(first.Remaining));
                continue;
            }

            if (second.IsInsert)
            {
                result.InsertTrusted(second.TakeText(second.Remaining));
                continue;
            }

            // Both lengths matched, so neither cursor can run out alone here.
            int n = Math.Min(first.Remaining, second.Remaining);
            if (first.IsRetain && second.IsRetain)
            {
                result.Retain(n);
                first.Take(n);
                second.Take(n);
            }
            else if (first.IsInsert && second.IsDelete)
            {
                CheckInsertCut(ref first, n, "Compose");
                first.Take(n);
                second.Take(n);
            }
            else if (first.IsInsert && second.IsRetain)
            {
                CheckInsertCut(ref first, n, "Compose");
                result.InsertTrusted(first.TakeText(n));
                second.Take(n);
            }
            else
            {
                // first retains, second deletes.
                result.Delete(n);
                first.Take(n);
                second.Take(n);
            }
        }
    }

    /// <summary>
    /// Transforms two operations made concurrently on the same text into <c>(a', b')</c> such that
    /// <c>Apply(Apply(S, a), b') == Apply(Apply(S, b), a')</c>. This is the heart of OT.
    /// Tie-break: where both insert at the same position, <paramref name="a"/>'s insert goes first.
    /// The server calls <c>Transform(incoming, concurrent)</c>, as ot.js's client and server do, so an
    /// ot.js client converges with this engine.
    /// </summary>
    public static (TextOperation APrime, TextOperation BPrime) Transform(TextOperation a, TextOperation b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.BaseLength != b.BaseLength)
        {
            throw new OperationException(OperationErrorKind.LengthMismatch, $"Transform: base lengths differ ({a.BaseLength} and {b.BaseLength}); the operations were not made on the same text.");
        }

        var aPrime = ScratchBuilder.Rent(ref _scratchFirst);
        var bPrime = ScratchBuilder.Rent(ref _scratchSecond);
        var x = new ComponentCursor(a._components);
        var y = new ComponentCursor(b._components);
        while (true)
        {
            if (x.Done && y.Done)
            {
                var result = (aPrime.Build(), bPrime.Build());
                ScratchBuilder.Return(ref _scratchFirst, aPrime);
                ScratchBuilder.Return(ref _scratchSecond, bPrime);
                return result;
            }

            if (x.IsInsert)
            {
                string text = x.TakeText(x.Remaining);
                aPrime.InsertTrusted(text);
                bPrime.Retain(text.Length);
                continue;
            }

            if (y.IsInsert)
            {
                string text = y.TakeText(y.Remaining);
                aPrime.Retain(text.Length);
                bPrime.InsertTrusted(text);
                continue;
            }

            int n = Math.Min(x.Remaining, y.Remaining);
            if (x.IsRetain && y.IsRetain)
            {
                aPrime.Retain(n);
                bPrime.Retain(n);
            }
            else if (x.IsDelete && y.IsRetain)
            {
                aPrime.Delete(n);
            }
            else if (x.IsRetain && y.IsDelete)
            {
                bPrime.Delete(n);
            }

            // Both delete: the text is gone either way, nothing to emit.
            x.Take(n);
            y.Take(n);
        }
    }

    /// <summary>
    /// The operation that undoes this one: <c>Apply(Apply(S, op), op.Invert(S)) == S</c>, where
    /// <paramref name="baseText"/> is the text this operation was applied to.
    /// </summary>
    public TextOperation Invert(string baseText)
    {
        ArgumentNullException.ThrowIfNull(baseText);
        CheckFits(baseText);
        return InvertOver(new StringText(baseText));
    }

    /// <summary>The inverse, reading deleted text from <paramref name="baseText"/>, which the caller has checked this operation fits.</summary>
    internal TextOperation InvertOver<TText>(TText baseText)
        where TText : IBaseText
    {
        var inverse = new TextOperationBuilder(_components.Length);
        int position = 0;
        foreach (var component in _components)
        {
            if (component.IsRetain)
            {
                inverse.Retain(component.Length);
                position += component.Length;
            }
            else if (component.IsInsert)
            {
                inverse.Delete(component.Length);
            }
            else
            {
                inverse.InsertTrusted(baseText.Slice(position, component.Length));
                position += component.Length;
            }
        }

        return inverse.Build();
    }

    public bool Equals(TextOperation? other) =>
        other is not null && BaseLength == other.BaseLength && TargetLength == other.TargetLength
        && _components.AsSpan().SequenceEqual(other._components);

    public override bool Equals(object? obj) => Equals(obj as TextOperation);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(BaseLength);
        hash.Add(TargetLength);
        foreach (var component in _components)
        {
            hash.Add(component);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(TextOperation? left, TextOperation? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(TextOperation? left, TextOperation? right) => !(left == right);

    /// <summary>The ot.js JSON form, e.g. <c>[5,"hi",-3]</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder().Append('[');
        for (int i = 0; i < _components.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(_components[i].ToString());
        }

        return builder.Append(']').ToString();
    }

    private static OperationException SplitError(int component, int position) =>
        new(OperationErrorKind.SplitsSurrogatePair, $"Component {component} starts at position {position}, inside a surrogate pair.");

    private static void CheckInsertCut(ref ComponentCursor cursor, int n, string operation)
    {
        if (n < cursor.Remaining && Utf16.SplitsPair(cursor.Current.Text, cursor.Offset + n))
        {
            throw new OperationException(OperationErrorKind.SplitsSurrogatePair, $"{operation}: the second operation cuts inserted text \"{cursor.Current.Text}\" at offset {cursor.Offset + n}, inside a surrogate pair.");
        }
    }

    private readonly struct StringText(string text) : IBaseText
    {
        public string Slice(int start, int count) => text.Substring(start, count);
    }

    /// <summary>
    /// Walks components, handing out parts of the current one. The current component and what is left
    /// of it are kept in fields; past the end the current component is <c>default</c>, which is neither
    /// retain, insert nor delete, so the kind tests need no separate end check.
    /// </summary>
    private struct ComponentCursor
    {
        private readonly OperationComponent[] _components;
        private int _index;

        public ComponentCursor(OperationComponent[] components)
        {
            _components = components;
            _index = -1;
            MoveNext();
        }

        public OperationComponent Current { get; private set; }

        /// <summary>Characters of the current component not yet taken.</summary>
        public int Remaining { get; private set; }

        public readonly int Offset => Current.Length - Remaining;

        public readonly bool Done => _index >= _components.Length;

        public readonly bool IsRetain => Current.IsRetain;

        public readonly bool IsInsert => Current.IsInsert;

        public readonly bool IsDelete => Current.IsDelete;

        public int Take(int n)
        {
            Remaining -= n;
            if (Remaining == 0)
            {
                MoveNext();
            }

            return n;
        }

        public string TakeText(int n)
        {
            var text = Current.Text;
            string part = n == text.Length ? text : text.Substring(text.Length - Remaining, n);
            Take(n);
            return part;
        }

        private void MoveNext()
        {
            _index++;
            Current = _index < _components.Length ? _components[_index] : default;
            Remaining = Current.Length;
        }
    }
}
