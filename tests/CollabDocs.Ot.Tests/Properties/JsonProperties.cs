using System.Text;
using System.Text.Json;
using CollabDocs.Ot.Json;

namespace CollabDocs.Ot.Tests.Properties;

public sealed class JsonProperties
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new TextOperationJsonConverter() } };

    [Fact]
    public void Json_RoundTrips_ThroughEveryReaderAndWriter()
    {
        PropertyCheck.Run(nameof(Json_RoundTrips_ThroughEveryReaderAndWriter), c =>
        {
            string text = c.Note("text", c.Generate.Text(12));
            var op = c.Note("op", c.Generate.Operation(text));

            string json = op.ToString();
            Assert.Equal(op, TextOperation.Parse(json));
            Assert.Equal(op, TextOperation.Parse(Encoding.UTF8.GetBytes(json)));

            string serialized = JsonSerializer.Serialize(op, Options);
            Assert.Equal(op, JsonSerializer.Deserialize<TextOperation>(serialized, Options));

            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                op.WriteTo(writer);
            }

            Assert.Equal(serialized, Encoding.UTF8.GetString(stream.ToArray()));

            using var document = JsonDocument.Parse(json);
            Assert.Equal(op, TextOperation.FromJson(document.RootElement));
            Assert.Equal(op.Components.Length, document.RootElement.GetArrayLength());
        });
    }
}
