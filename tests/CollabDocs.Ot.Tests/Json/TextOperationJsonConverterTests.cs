using System.Text.Json;
using CollabDocs.Ot.Json;

namespace CollabDocs.Ot.Tests.Json;

public sealed class TextOperationJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new TextOperationJsonConverter() } };

    [Fact]
    public void Serialize_WritesTheOtJsForm()
    {
        Assert.Equal("[5,\"hi\",-3]", JsonSerializer.Serialize(TextOperation.Parse("[5,\"hi\",-3]"), Options));
    }

    [Fact]
    public void Deserialize_ReadsTheOtJsForm()
    {
        Assert.Equal(TextOperation.Parse("[5,\"hi\",-3]"), JsonSerializer.Deserialize<TextOperation>("[5,\"hi\",-3]", Options));
    }

    [Fact]
    public void RoundTrip_InsideAMessage()
    {
        var message = new Submission(7, TextOperation.Parse("[1,\"😀\",-2]"));

        string json = JsonSerializer.Serialize(message, Options);
        var back = JsonSerializer.Deserialize<Submission>(json, Options);

        Assert.NotNull(back);
        Assert.Equal(message.Revision, back.Revision);
        Assert.Equal(message.Operation, back.Operation);
    }

    [Theory]
    [InlineData("[1.5]", OperationErrorKind.MalformedJson)]
    [InlineData("[1,1.0]", OperationErrorKind.MalformedJson)]
    [InlineData("[2147483648]", OperationErrorKind.MalformedJson)]
    [InlineData("[null]", OperationErrorKind.MalformedJson)]
    [InlineData("[[1]]", OperationErrorKind.MalformedJson)]
    [InlineData("{}", OperationErrorKind.MalformedJson)]
    [InlineData("true", OperationErrorKind.MalformedJson)]
    [InlineData("5", OperationErrorKind.MalformedJson)]
    [InlineData("[0]", OperationErrorKind.MalformedComponent)]
    [InlineData("[\"\"]", OperationErrorKind.MalformedComponent)]
    [InlineData("[\"\\ud83d\"]", OperationErrorKind.LoneSurrogate)]
    [InlineData("[-2147483648]", OperationErrorKind.TooLong)]
    public void Deserialize_Invalid_RaisesOperationException(string json, OperationErrorKind kind)
    {
        var ex = Assert.Throws<OperationException>(() => JsonSerializer.Deserialize<TextOperation>(json, Options));

        Assert.Equal(kind, ex.Kind);
    }

    [Theory]
    [InlineData("[1,")]
    [InlineData("[1,]")]
    [InlineData("[1")]
    public void Deserialize_InvalidSyntax_RaisesMalformedJson(string json)
    {
        var ex = Assert.Throws<OperationException>(() => JsonSerializer.Deserialize<TextOperation>(json, Options));

        Assert.Equal(OperationErrorKind.MalformedJson, ex.Kind);
    }

    [Fact]
    public void Deserialize_InvalidInsideAMessage_RaisesOperationException()
    {
        var ex = Assert.Throws<OperationException>(() => JsonSerializer.Deserialize<Submission>("{\"Revision\":1,\"Operation\":[1,0]}", Options));

        Assert.Equal(OperationErrorKind.MalformedComponent, ex.Kind);
    }

    [Fact]
    public void Serialize_Null_WritesNull()
    {
        Assert.Equal("{\"Revision\":1,\"Operation\":null}", JsonSerializer.Serialize(new Submission(1, null!), Options));
    }

    [Fact]
    public void Write_NullValue_Throws()
    {
        using var stream = new MemoryStream();
        using var writer = new Utf8JsonWriter(stream);

        Assert.Throws<ArgumentNullException>(() => new TextOperationJsonConverter().Write(writer, null!, Options));
    }

    private sealed record Submission(int Revision, TextOperation Operation);
}
