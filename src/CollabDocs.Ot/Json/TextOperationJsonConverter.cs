using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollabDocs.Ot.Json;

/// <summary>
/// System.Text.Json converter for the ot.js wire form. Malformed input raises
/// <see cref="OperationException"/> (never a bare <see cref="JsonException"/> or a crash).
/// </summary>
public sealed class TextOperationJsonConverter : JsonConverter<TextOperation>
{
    public override TextOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return TextOperation.Read(ref reader);
        }
        catch (JsonException ex)
        {
            throw new OperationException(OperationErrorKind.MalformedJson, $"Malformed operation: {ex.Message}", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, TextOperation value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(writer);
    }
}
