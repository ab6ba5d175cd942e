using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollabDocs.Testing;

/// <summary>
/// A hub argument sent exactly as written, e.g. <c>[1.5]</c> or <c>["\ud800"]</c>: lets a test send the
/// malformed operations a buggy or hostile client could send, which no typed value serialises to.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(string Json)
{
    private sealed class RawJsonConverter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return new RawJson(document.RootElement.GetRawText());
        }

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
