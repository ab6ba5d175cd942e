using System.Text.Json;

namespace CollabDocs.Server.Authorship;

/// <summary>
/// Writes <see cref="AuthorsResponse"/> with <see cref="Utf8JsonWriter"/> and pre-encoded names: an answer can hold
/// 10⁵ ranges (a history where every keystroke is its own revision), and the serializer's per-object work was most of
/// the request's time. The shape is the record's, in the web defaults' camelCase.
/// </summary>
internal static class AuthorsJson
{
    private const int FlushThreshold = 64 * 1024;
    private static readonly JsonEncodedText DocumentId = JsonEncodedText.Encode("documentId");
    private static readonly JsonEncodedText Revision = JsonEncodedText.Encode("revision");
    private static readonly JsonEncodedText Length = JsonEncodedText.Encode("length");
    private static readonly JsonEncodedText Ranges = JsonEncodedText.Encode("ranges");
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText UserId = JsonEncodedText.Encode("userId");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");

    /// <summary>Writes <paramref name="response"/>, flushing to the writer's destination every 64 KiB.</summary>
    public static async Task WriteAsync(Utf8JsonWriter writer, AuthorsResponse response, CancellationToken cancellationToken)
    {
        writer.WriteStartObject();
        writer.WriteString(DocumentId, response.DocumentId);
        writer.WriteNumber(Revision, response.Revision);
        writer.WriteNumber(Length, response.Length);
        writer.WriteStartArray(Ranges);
        var users = new Dictionary<string, JsonEncodedText>(StringComparer.Ordinal);
        foreach (var range in response.Ranges)
        {
            if (!users.TryGetValue(range.UserId, out var user))
            {
                user = JsonEncodedText.Encode(range.UserId);
                users[range.UserId] = user;
            }

            writer.WriteStartObject();
            writer.WriteNumber(Start, range.Start);
            writer.WriteNumber(Length, range.Length);
            writer.WriteString(UserId, user);
            writer.WriteNumber(Revision, range.Revision);
            writer.WriteNumber(Timestamp, range.Timestamp);
            writer.WriteEndObject();
            if (writer.BytesPending > FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
