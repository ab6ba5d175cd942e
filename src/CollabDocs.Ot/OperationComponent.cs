namespace CollabDocs.Ot;

/// <summary>
/// One component of a <see cref="TextOperation"/>: retain <c>n</c> characters, insert a string, or
/// delete <c>n</c> characters. Lengths are UTF-16 code units. In ot.js's JSON a retain is a positive
/// integer, an insert a string and a delete a negative integer.
/// </summary>
public readonly struct OperationComponent : IEquatable<OperationComponent>
{
    // _count > 0: retain; _count < 0: delete; _text != null: insert (and _count == 0).
    private readonly int _count;
    private readonly string? _text;

    private OperationComponent(int count, string? text)
    {
        _count = count;
        _text = text;
    }

    public bool IsRetain => _count > 0;

    public bool IsInsert => _text is not null;

    public bool IsDelete => _count < 0;

    /// <summary>Characters retained, inserted or deleted (always positive for a built component).</summary>
    public int Length => _text is not null ? _text.Length : _count < 0 ? -_count : _count;

    /// <summary>The inserted text; empty for retain and delete.</summary>
    public string Text => _text ?? string.Empty;

    internal static OperationComponent Retain(int count) => new(count, null);

    internal static OperationComponent Insert(string text) => new(0, text);

    internal static OperationComponent Delete(int count) => new(-count, null);

    public bool Equals(OperationComponent other) => _count == other._count && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is OperationComponent other && Equals(other);

    public override int GetHashCode() => _text is null ? _count : StringComparer.Ordinal.GetHashCode(_text);

    public static bool operator ==(OperationComponent left, OperationComponent right) => left.Equals(right);

    public static bool operator !=(OperationComponent left, OperationComponent right) => !left.Equals(right);

    /// <summary>The ot.js JSON form of this component: <c>5</c>, <c>"hi"</c> or <c>-3</c>.</summary>
    public override string ToString() => _text is null
        ? _count.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "\"" + System.Text.Json.JsonEncodedText.Encode(_text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
}
