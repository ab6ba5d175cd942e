using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CollabDocs.Ot;

/// <summary>
/// Builds a <see cref="TextOperation"/> in normal form, as ot.js's builder methods do: adjacent
/// components of one kind are merged, an insert is placed before a neighbouring delete, and empty
/// components are dropped. So two operations with the same effect are equal in structure.
/// Adjacent inserts are collected in one buffer and turned into a string once, so building costs time
/// linear in the text inserted whatever the number of pieces (concatenating each piece would be quadratic).
/// </summary>
public sealed class TextOperationBuilder
{
    // A kept builder (ScratchBuilder) drops a merge buffer that grew past this rather than keep it alive.
    private const int MaxKeptPendingCapacity = 64 * 1024;

    private OperationComponent[] _items;
    private int _count;
    private long _baseLength;
    private long _targetLength;

    // The insert still being extended: its index in _items (-1 for none) and its text so far. The
    // component at that index holds only the first piece until MaterializePendingInsert runs.
    private int _pendingIndex = -1;
    private StringBuilder? _pending;

    public TextOperationBuilder(int capacity = 4)
    {
        _items = new OperationComponent[Math.Max(capacity, 1)];
    }

    /// <summary>Length of the text the operation will apply to, so far.</summary>
    public int BaseLength => (int)_baseLength;

    /// <summary>Length of the text the operation will produce, so far.</summary>
    public int TargetLength => (int)_targetLength;

    /// <summary>Skips over <paramref name="count"/> characters; zero is ignored.</summary>
    public TextOperationBuilder Retain(int count)
    {
        if (count < 0)
        {
            ThrowNegativeCount("Retain", count);
        }

        if (count == 0)
        {
            return this;
        }

        AddLengths(count, count);
        if (_count > 0 && _items[_count - 1].IsRetain)
        {
            _items[_count - 1] = OperationComponent.Retain(_items[_count - 1].Length + count);
        }
        else
        {
            Push(OperationComponent.Retain(count));
        }

        return this;
    }

    /// <summary>Inserts <paramref name="text"/>; empty text is ignored, lone surrogates are rejected.</summary>
    public TextOperationBuilder Insert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int bad = Utf16.IndexOfLoneSurrogate(text);
        if (bad >= 0)
        {
            throw new OperationException(OperationErrorKind.LoneSurrogate, $"Inserted text has a lone surrogate U+{(int)text[bad]:X4} at offset {bad} (component {_count}).");
        }

        return InsertTrusted(text);
    }

    /// <summary>Deletes <paramref name="count"/> characters; zero is ignored.</summary>
    public TextOperationBuilder Delete(int count)
    {
        if (count < 0)
        {
            ThrowNegativeCount("Delete", count);
        }

        if (count == 0)
        {
            return this;
        }

        AddLengths(count, 0);
        if (_count > 0 && _items[_count - 1].IsDelete)
        {
            _items[_count - 1] = OperationComponent.Delete(_items[_count - 1].Length + count);
        }
        else
        {
            Push(OperationComponent.Delete(count));
        }

        return this;
    }

    /// <summary>UTF-16 code units copied to merge adjacent inserts so far; linear in the text inserted.</summary>
    internal long MergedChars { get; private set; }

    /// <summary>Components the builder holds before it must grow.</summary>
    internal int Capacity => _items.Length;

    /// <summary>The finished operation. The builder may be reused after <see cref="Clear"/>.</summary>
    public TextOperation Build()
    {
        MaterializePendingInsert();
        var components = _count == 0 ? [] : _items.AsSpan(0, _count).ToArray();
        return new TextOperation(components, (int)_baseLength, (int)_targetLength);
    }

    /// <summary>Forgets every component so the builder can start a new operation.</summary>
    public void Clear()
    {
        // Drop the references to inserted text so a kept builder does not keep it alive.
        Array.Clear(_items, 0, _count);
        _pendingIndex = -1;
        if (_pending is { Capacity: > MaxKeptPendingCapacity })
        {
            _pending = null;
        }

        _pending?.Clear();
        _count = 0;
        _baseLength = 0;
        _targetLength = 0;
    }

    /// <summary>Insert of text already known to have no lone surrogate (a slice of a checked operation).</summary>
    internal TextOperationBuilder InsertTrusted(string text)
    {
        if (text.Length == 0)
        {
            return this;
        }

        AddLengths(0, text.Length);
        if (_count > 0 && _items[_count - 1].IsInsert)
        {
            AppendToInsert(_count - 1, text);
        }
        else if (_count > 0 && _items[_count - 1].IsDelete)
        {
            // Insert before delete: "delete then insert" and "insert then delete" have one normal form.
            if (_count > 1 && _items[_count - 2].IsInsert)
            {
                AppendToInsert(_count - 2, text);
            }
            else
            {
                var delete = _items[_count - 1];
                _items[_count - 1] = OperationComponent.Insert(text);
                Push(delete);
            }
        }
        else
        {
            Push(OperationComponent.Insert(text));
        }

        return this;
    }

    private void AppendToInsert(int index, string text)
    {
        if (_pendingIndex != index)
        {
            MaterializePendingInsert();
            string first = _items[index].Text;
            _pending ??= new StringBuilder(Math.Max(16, first.Length + text.Length));
            _pending.Append(first);
            MergedChars += first.Length;
            _pendingIndex = index;
        }

        _pending!.Append(text);
        MergedChars += text.Length;
    }

    private void MaterializePendingInsert()
    {
        if (_pendingIndex < 0)
        {
            return;
        }

        _items[_pendingIndex] = OperationComponent.Insert(_pending!.ToString());
        MergedChars += _pending.Length;
        _pending.Clear();
        _pendingIndex = -1;
    }

    private void AddLengths(int baseDelta, int targetDelta)
    {
        _baseLength += baseDelta;
        _targetLength += targetDelta;
        if (_baseLength > int.MaxValue || _targetLength > int.MaxValue)
        {
            ThrowTooLong();
        }
    }

    // The throws live in helpers so that Retain, Delete and AddLengths stay small enough to inline.
    [DoesNotReturn]
    private void ThrowNegativeCount(string kind, int count) =>
        throw new OperationException(OperationErrorKind.MalformedComponent, $"{kind} count must be positive, got {count} (component {_count}).");

    [DoesNotReturn]
    private void ThrowTooLong() =>
        throw new OperationException(OperationErrorKind.TooLong, $"Operation lengths exceed {int.MaxValue} at component {_count}.");

    private void Push(OperationComponent component)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = component;
    }
}
