using CollabDocs.Ot;
using CollabDocs.Protocol;
using MessagePack;
using MessagePack.Resolvers;

namespace CollabDocs.Client.Tests.Wire;

/// <summary>
/// The MessagePack hub protocol's shapes (docs/protocol.md, "Protocols"): operations as ot.js arrays, records as maps
/// keyed by the same camelCase names as the JSON protocol. The TypeScript client and the web demo read these bytes.
/// </summary>
public sealed class MessagePackWireTests
{
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard.WithResolver(StandardResolver.Instance).WithTextOperationFormatter();

    [Fact]
    public void Formatter_RoundTripsAnOperation_AsAnArrayOfIntegersAndStrings()
    {
        var operation = TextOperation.Parse("[5,\"h\\ud83d\\ude00\",-3,70000]");

        byte[] bytes = MessagePackSerializer.Serialize(operation, Options);

        Assert.Equal("[5,\"h\U0001F600\",-3,70000]", MessagePackSerializer.ConvertToJson(bytes, Options));
        Assert.Equal(operation, MessagePackSerializer.Deserialize<TextOperation>(bytes, Options));
    }

    [Fact]
    public void Formatter_ReadsRawIntegersOfAnyWidth_AndRejectsOtherTypes()
    {
        // Written by hand as another MessagePack client would: a positive fixint, an int16, a negative fixint, a uint32.
        byte[] narrow = [0x95, 0x05, 0xA2, (byte)'h', (byte)'i', 0xD1, 0x01, 0x00, 0xFD, 0xCE, 0x00, 0x01, 0x11, 0x70];
        byte[] withFloat = [0x92, 0x05, 0xCA, 0x3F, 0xC0, 0x00, 0x00];

        var read = MessagePackSerializer.Deserialize<TextOperation>(narrow, Options);
        var error = Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<TextOperation>(withFloat, Options));

        Assert.Equal(TextOperation.Parse("[5,\"hi\",256,-3,70000]"), read);
        Assert.Equal(OperationErrorKind.MalformedJson, Assert.IsType<OperationException>(error.InnerException).Kind);
    }

    [Fact]
    public void JoinResult_IsAMapKeyedByTheProtocolNames()
    {
        var result = SampleMessages.JoinResult();

        string json = MessagePackSerializer.ConvertToJson(MessagePackSerializer.Serialize(result, Options), Options);

        Assert.Equal(SampleMessages.JoinResultJson, json);
        Assert.Equivalent(result, MessagePackSerializer.Deserialize<JoinResult>(MessagePackSerializer.Serialize(result, Options), Options));
    }

    [Fact]
    public void SmallMessages_AreMapsKeyedByTheProtocolNames()
    {
        Assert.Equal("""{"revision":4,"checksum":null}""", ToJson(new SubmitResult(4)));
        Assert.Equal("""{"documentId":"notes","sessionId":"s1"}""", ToJson(new PresenceLeftMessage("notes", "s1")));
        Assert.Equal("""{"documentId":"notes","reason":"access_revoked"}""", ToJson(new DocumentClosedMessage("notes", DocumentClosedReasons.AccessRevoked)));
    }

    private static string ToJson<T>(T value) => MessagePackSerializer.ConvertToJson(MessagePackSerializer.Serialize(value, Options), Options);
}
