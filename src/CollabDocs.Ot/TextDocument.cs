namespace CollabDocs.Ot;

/// <summary>
/// A mutable text for the server side, stored as a gap buffer: the characters before and after the
/// last edit site sit at the two ends of one array, with free space (the gap) between them. Applying
/// an operation costs its number of components plus the distance the gap moves, so typing at one
/// place is O(1) per edit however long the document is; <see cref="ToString"/> is O(length).
/// <see cref="Checksum"/> hashes only from the first checkpoint an edit changed: O(length − edit position).
/// Not thread-safe: one writer at a time (the per-document session) owns it.
/// </summary>
public sealed class TextDocument : IBaseText
{
    private const int MinimumGap = 64;

    // FNV-1a is a chain from the first character, so no edit can be folded into a checksum; but the checksums of
    // the prefixes before an edit stay as they were. _checkpoints[k] is the checksum of the first k · stride
    // characters, for k below _validCheckpoints.
    private const int ChecksumStride = 1024;

    private char[] _buffer;
    private int _gapStart;
    private int _gapEnd;
    private uint[] _checkpoints = [TextChecksum.Empty];
    private int _validCheckpoints = 1;

    public TextDocument(string text = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        _buffer = new char[text.Length + Math.Max(MinimumGap, text.Length / 8)];
        text.CopyTo(_buffer);
        _gapStart = text.Length;
        _gapEnd = _buffer.Length;
    }

    /// <summary>Length of the text in UTF-16 code units.</summary>
    public int Length => _buffer.Length - (_gapEnd - _gapStart);

    /// <summary>The character at <paramref name="index"/>.</summary>
    public char this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The document has {Length} characters.");
            }

            return index < _gapStart ? _buffer[index] : _buffer[index + _gapEnd - _gapStart];
        }
    }

    /// <summary>
    /// Applies <paramref name="operation"/> in place. The whole operation is checked before anything
    /// changes, so a rejected operation leaves the document as it was.
    /// </summary>
    /// <exception cref="OperationException">The base length differs or a boundary splits a surrogate pair.</exception>
    public void Apply(TextOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        CheckFits(operation);

        // Inserts may come before the deletes that make room, so reserve for all inserted text.
        int inserted = 0;
        foreach (var component in operation.Components)
        {
            if (component.IsInsert)
            {
                inserted += component.Length;
            }
        }

        EnsureGap(inserted);

        int position = 0;
        bool changed = false;
        foreach (var component in operation.Components)
        {
            if (!changed && !component.IsRetain)
            {
                changed = true;
                _validCheckpoints = Math.Min(_validCheckpoints, (position / ChecksumStride) + 1);
            }

            if (component.IsRetain)
            {
                position += component.Length;
            }
            else if (component.IsInsert)
            {
                MoveGap(position);
                component.Text.CopyTo(_buffer.AsSpan(_gapStart));
                _gapStart += component.Length;
                position += component.Length;
            }
            else
            {
                MoveGap(position);
                _gapEnd += component.Length;
            }
        }
    }

    /// <summary>
    /// The operation that undoes <paramref name="operation"/> on this text, computed before it is applied
    /// (see <see cref="TextOperation.Invert"/>); only deleted text is copied.
    /// </summary>
    public TextOperation Invert(TextOperation operation)
    {
        CheckFits(operation);
        return operation.InvertOver(this);
    }

    /// <summary>Throws unless <paramref name="operation"/> fits this text (see <see cref="TextOperation.CheckFits"/>).</summary>
    public void CheckFits(TextOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.BaseLength != Length)
        {
            throw new OperationException(OperationErrorKind.LengthMismatch, $"The operation's base length {operation.BaseLength} differs from the document's length {Length}.");
        }

        int position = 0;
        int index = 0;
        foreach (var component in operation.Components)
        {
            if (SplitsPair(position))
            {
                throw new OperationException(OperationErrorKind.SplitsSurrogatePair, $"Component {index} starts at position {position}, inside a surrogate pair.");
            }

            if (!component.IsInsert)
            {
                position += component.Length;
            }

            index++;
        }
    }

    /// <summary>True when <paramref name="position"/> falls between a high and a low surrogate.</summary>
    public bool SplitsPair(int position) =>
        position > 0 && position < Length && char.IsHighSurrogate(this[position - 1]) && char.IsLowSurrogate(this[position]);

    /// <summary>Copies <paramref name="count"/> characters from <paramref name="start"/>.</summary>
    public string Substring(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)start + count, Length, nameof(count));
        return string.Create(count, (this, start), static (destination, state) => state.Item1.CopyTo(state.Item2, destination));
    }

    string IBaseText.Slice(int start, int count) => Substring(start, count);

    /// <summary>The whole text.</summary>
    public override string ToString() => Substring(0, Length);

    /// <summary>The <see cref="TextChecksum"/> of the whole text, without copying it.</summary>
    public uint Checksum()
    {
        int length = Length;
        int last = _validCheckpoints - 1;
        uint checksum = _checkpoints[last];
        int at = last * ChecksumStride;
        while (at + ChecksumStride <= length)
        {
            checksum = AppendChecksum(checksum, at, ChecksumStride);
            at += ChecksumStride;
            if (++last == _checkpoints.Length)
            {
                Array.Resize(ref _checkpoints, last * 2);
            }

            _checkpoints[last] = checksum;
        }

        _validCheckpoints = last + 1;
        return AppendChecksum(checksum, at, length - at);
    }

    private uint AppendChecksum(uint checksum, int start, int count)
    {
        Slice(start, count, out var beforeGap, out var afterGap);
        return TextChecksum.Append(TextChecksum.Append(checksum, beforeGap), afterGap);
    }

    private void CopyTo(int start, Span<char> destination)
    {
        Slice(start, destination.Length, out var beforeGap, out var afterGap);
        beforeGap.CopyTo(destination);
        afterGap.CopyTo(destination[beforeGap.Length..]);
    }

    /// <summary>The characters <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>, as the parts before and after the gap.</summary>
    private void Slice(int start, int count, out ReadOnlySpan<char> beforeGap, out ReadOnlySpan<char> afterGap)
    {
        int before = Math.Clamp(_gapStart - start, 0, count);
        beforeGap = _buffer.AsSpan(start, before);
        afterGap = _buffer.AsSpan(Math.Max(start, _gapStart) + (_gapEnd - _gapStart), count - before);
    }

    private void MoveGap(int position)
    {
        if (position < _gapStart)
        {
            int count = _gapStart - position;
            _buffer.AsSpan(position, count).CopyTo(_buffer.AsSpan(_gapEnd - count));
            _gapStart = position;
            _gapEnd -= count;
        }
        else if (position > _gapStart)
        {
            int count = position - _gapStart;
            _buffer.AsSpan(_gapEnd, count).CopyTo(_buffer.AsSpan(_gapStart));
            _gapStart += count;
            _gapEnd += count;
        }
    }

    private void EnsureGap(int growth)
    {
        if (growth <= _gapEnd - _gapStart)
        {
            return;
        }

        int length = Length;
        int capacity = (int)Math.Min(Array.MaxLength, Math.Max((long)length + growth + MinimumGap, (long)_buffer.Length * 2));
        var grown = new char[capacity];
        int afterGap = _buffer.Length - _gapEnd;
        _buffer.AsSpan(0, _gapStart).CopyTo(grown);
        _buffer.AsSpan(_gapEnd, afterGap).CopyTo(grown.AsSpan(capacity - afterGap));
        _gapEnd = capacity - afterGap;
        _buffer = grown;
    }
}
