using System.Text;
using System.Text.Json;

namespace CollabDocs.Ot;

/// <summary>The ot.js wire form: a JSON array of positive integers (retain), strings (insert) and negative integers (delete).</summary>
public sealed partial class TextOperation
{
    /// <summary>Parses the ot.js JSON form, e.g. <c>[5,"hi",-3]</c>.</summary>
    /// <exception cref="OperationException">Not an array of non-zero integers and non-empty strings, or an invalid operation.</exception>
    public static TextOperation Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        // Encoding.UTF8 would silently replace a lone surrogate with U+FFFD; reject it instead.
        int bad = Utf16.IndexOfLoneSurrogate(json);
        if (bad >= 0)
        {
            throw new OperationException(OperationErrorKind.LoneSurrogate, $"Malformed operation: the JSON text has a lone surrogate U+{(int)json[bad]:X4} at position {bad}.");
        }

        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Parses the ot.js JSON form from UTF-8 bytes.</summary>
    public static TextOperation Parse(ReadOnlySpan<byte> utf8Json) => Parse(utf8Json, OperationLimits.None);

    /// <summary>Parses UTF-8 bytes, stopping with <see cref="OperationErrorKind.LimitExceeded"/> at the first component past <paramref name="limits"/>.</summary>
    public static TextOperation Parse(ReadOnlySpan<byte> utf8Json, OperationLimits limits)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            if (!reader.Read())
            {
                throw Malformed("the input is empty");
            }

            var operation = Read(ref reader, limits);
            if (reader.Read())
            {
                throw Malformed($"unexpected {reader.TokenType} after the array");
            }

            return operation;
        }
        catch (JsonException ex)
        {
            throw new OperationException(OperationErrorKind.MalformedJson, $"Malformed operation: {ex.Message}", ex);
        }
    }

    /// <summary>Reads one operation at the reader's current token, which must start an array.</summary>
    public static TextOperation Read(ref Utf8JsonReader reader) => Read(ref reader, OperationLimits.None);

    /// <summary>Reads one operation, stopping with <see cref="OperationErrorKind.LimitExceeded"/> at the first component past <paramref name="limits"/>.</summary>
    public static TextOperation Read(ref Utf8JsonReader reader, OperationLimits limits)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Malformed($"expected an array, found {Describe(reader.TokenType)}");
        }

        var builder = new TextOperationBuilder();
        var budget = new LimitCounter(limits);
        int index = 0;
        while (true)
        {
            if (!reader.Read())
            {
                throw Malformed("the array is not closed");
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return builder.Build();
            }

            budget.Component(index);
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (!reader.TryGetInt32(out int count))
                    {
                        throw Malformed($"component {index} is {Encoding.UTF8.GetString(reader.ValueSpan)}, not an integer in the 32-bit range");
                    }

                    budget.Count(index, count);
                    AddCount(builder, count, index);
                    break;
                case JsonTokenType.String:
                    string text = ReadString(ref reader, index);
                    budget.Inserted(index, text.Length);
                    AddInsert(builder, text, index);
                    break;
                default:
                    throw Malformed($"component {index} is {Describe(reader.TokenType)}; expected an integer or a string");
            }

            index++;
        }
    }

    /// <summary>Reads an operation from an already parsed JSON value (as SignalR hands hub arguments over).</summary>
    public static TextOperation FromJson(JsonElement element) => FromJson(element, OperationLimits.None);

    /// <summary>Reads an operation from a JSON value, stopping at the first component past <paramref name="limits"/>.</summary>
    public static TextOperation FromJson(JsonElement element, OperationLimits limits)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"expected an array, found {element.ValueKind}");
        }

        var builder = new TextOperationBuilder(Math.Min(element.GetArrayLength(), Math.Min(limits.MaxComponents, 1024)));
        var budget = new LimitCounter(limits);
        int index = 0;
        foreach (var item in element.EnumerateArray())
        {
            budget.Component(index);
            switch (item.ValueKind)
            {
                case JsonValueKind.Number:
                    if (!item.TryGetInt32(out int count))
                    {
                        throw Malformed($"component {index} is {item.GetRawText()}, not an integer in the 32-bit range");
                    }

                    budget.Count(index, count);
                    AddCount(builder, count, index);
                    break;
                case JsonValueKind.String:
                    string text;
                    try
                    {
                        text = item.GetString()!;
                    }
                    catch (InvalidOperationException ex)
                    {
                        throw new OperationException(OperationErrorKind.LoneSurrogate, $"Component {index} is a string that is not valid UTF-16 (a lone surrogate escape).", ex);
                    }

                    budget.Inserted(index, text.Length);
                    AddInsert(builder, text, index);
                    break;
                default:
                    throw Malformed($"component {index} is {item.ValueKind}; expected an integer or a string");
            }

            index++;
        }

        return builder.Build();
    }

    /// <summary>Writes the ot.js JSON form.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var component in _components)
        {
            if (component.IsInsert)
            {
                writer.WriteStringValue(component.Text);
            }
            else
            {
                writer.WriteNumberValue(component.IsRetain ? component.Length : -component.Length);
            }
        }

        writer.WriteEndArray();
    }

    private static void AddCount(TextOperationBuilder builder, int count, int index)
    {
        if (count == 0)
        {
            throw new OperationException(OperationErrorKind.MalformedComponent, $"Component {index} is 0; a retain must be positive and a delete negative.");
        }

        if (count > 0)
        {
            builder.Retain(count);
        }
        else
        {
            // -int.MinValue does not exist; such a delete could never fit a document anyway.
            if (count == int.MinValue)
            {
                throw new OperationException(OperationErrorKind.TooLong, $"Component {index} deletes more than {int.MaxValue} characters.");
            }

            builder.Delete(-count);
        }
    }

    private static void AddInsert(TextOperationBuilder builder, string text, int index)
    {
        if (text.Length == 0)
        {
            throw new OperationException(OperationErrorKind.MalformedComponent, $"Component {index} inserts an empty string.");
        }

        int bad = Utf16.IndexOfLoneSurrogate(text);
        if (bad >= 0)
        {
            throw new OperationException(OperationErrorKind.LoneSurrogate, $"Component {index} inserts text with a lone surrogate U+{(int)text[bad]:X4} at offset {bad}.");
        }

        builder.InsertTrusted(text);
    }

    private static string ReadString(ref Utf8JsonReader reader, int index)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new OperationException(OperationErrorKind.LoneSurrogate, $"Component {index} is a string that is not valid UTF-16 (a lone surrogate escape).", ex);
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a nested array",
        JsonTokenType.Null => "null",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        _ => token.ToString(),
    };

    private static OperationException Malformed(string detail) =>
        new(OperationErrorKind.MalformedJson, $"Malformed operation: {detail}.");
}
