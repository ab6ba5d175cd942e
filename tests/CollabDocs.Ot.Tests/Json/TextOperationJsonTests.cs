using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CollabDocs.Ot.Tests.Json;

public sealed class TextOperationJsonTests
{
    [Fact]
    public void Parse_ReadsRetainInsertDelete()
    {
        var op = TextOperation.Parse("[5,\"hi\",-3]");

        Assert.Equal(new TextOperationBuilder().Retain(5).Insert("hi").Delete(3).Build(), op);
        Assert.Equal(8, op.BaseLength);
        Assert.Equal(7, op.TargetLength);
    }

    [Fact]
    public void Parse_EmptyArray_IsTheEmptyOperation()
    {
        Assert.Equal(TextOperation.Identity(0), TextOperation.Parse("[]"));
    }

    [Fact]
    public void Parse_AllowsWhitespace()
    {
        Assert.Equal(TextOperation.Parse("[1,\"a\"]"), TextOperation.Parse(" \n[ 1 ,\t\"a\" ]\r\n "));
    }

    [Fact]
    public void Parse_NormalisesLikeTheBuilder()
    {
        Assert.Equal("[3,\"ab\",-2]", TextOperation.Parse("[1,2,-1,\"a\",-1,\"b\"]").ToString());
    }

    [Fact]
    public void Parse_DecodesEscapes()
    {
        var op = TextOperation.Parse("[\"\\ud83d\\ude00\\n\\u00e9\"]");

        Assert.Equal("😀\né", op.Components[0].Text);
    }

    [Fact]
    public void Parse_Utf8Bytes_ReadsTheSame()
    {
        Assert.Equal(TextOperation.Parse("[1,\"é😀\",-1]"), TextOperation.Parse("[1,\"é😀\",-1]"u8));
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TextOperation.Parse((string)null!));
    }

    [Theory]
    [InlineData("[1.5]", "component 0")]
    [InlineData("[1,1.0]", "component 1")]
    [InlineData("[2,-1.0]", "component 1")]
    [InlineData("[1e3]", "component 0")]
    [InlineData("[1E0]", "component 0")]
    [InlineData("[2147483648]", "component 0")]
    [InlineData("[1,-2147483649]", "component 1")]
    [InlineData("[99999999999999999999]", "component 0")]
    [InlineData("[null]", "component 0 is null")]
    [InlineData("[1,true]", "component 1 is a boolean")]
    [InlineData("[1,false]", "component 1 is a boolean")]
    [InlineData("[{}]", "component 0 is an object")]
    [InlineData("[1,{\"a\":1}]", "component 1 is an object")]
    [InlineData("[[1]]", "component 0 is a nested array")]
    [InlineData("[1,[]]", "component 1 is a nested array")]
    [InlineData("null", "found null")]
    [InlineData("true", "found a boolean")]
    [InlineData("{}", "found an object")]
    [InlineData("{\"ops\":[1]}", "found an object")]
    [InlineData("5", "found a number")]
    [InlineData("\"abc\"", "found a string")]
    [Trait("Promise", "protocol.malformed-components")]
    public void Parse_NotAnArrayOfIntegersAndStrings_IsMalformedJson_SayingWhere(string json, string where)
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse(json));

        Assert.Equal(OperationErrorKind.MalformedJson, ex.Kind);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1] x")]
    [InlineData("[1] [2]")]
    [InlineData("[1],")]
    [InlineData("[1")]
    [InlineData("[1,")]
    [InlineData("[")]
    [InlineData("[1,]")]
    [InlineData("[01]")]
    [InlineData("[\"a]")]
    [InlineData("[1 2]")]
    [InlineData("[-]")]
    [InlineData("[[[[[1]]]]]")]
    public void Parse_InvalidJsonSyntax_IsMalformedJson_WithThePosition(string json)
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse(json));

        Assert.Equal(OperationErrorKind.MalformedJson, ex.Kind);
        Assert.Matches("BytePositionInLine|component|not closed", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_EmptyInput_IsMalformedJson(string json)
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse(json));

        Assert.Equal(OperationErrorKind.MalformedJson, ex.Kind);
    }

    [Theory]
    [InlineData("[0]", "Component 0")]
    [InlineData("[1,0]", "Component 1")]
    [InlineData("[-0]", "Component 0")]
    [InlineData("[\"\"]", "Component 0")]
    [InlineData("[1,\"\"]", "Component 1")]
    [Trait("Promise", "protocol.malformed-components")]
    public void Parse_ZeroCountOrEmptyInsert_IsMalformedComponent_NamingIt(string json, string where)
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse(json));

        Assert.Equal(OperationErrorKind.MalformedComponent, ex.Kind);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"\\ud83d\"]", "Component 0")]
    [InlineData("[1,\"a\\ude00\"]", "Component 1")]
    [InlineData("[1,\"a\\ude00\\ud83d\"]", "Component 1")]
    [InlineData("[\"😀\\ud83d\"]", "Component 0")]
    [Trait("Promise", "protocol.malformed-components")]
    public void Parse_LoneSurrogateEscape_IsRejected_NamingTheComponent(string json, string where)
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse(json));

        Assert.Equal(OperationErrorKind.LoneSurrogate, ex.Kind);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LoneSurrogateCharacterInTheString_IsRejectedNotReplaced()
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse("[1,\"a\ud83d\"]"));

        Assert.Equal(OperationErrorKind.LoneSurrogate, ex.Kind);
        Assert.Contains("position 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Utf8EncodedSurrogate_IsRejected()
    {
        byte[] json = [.. "[\"a"u8, 0xED, 0xA0, 0xBD, .. "\"]"u8];

        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse(json));

        Assert.Equal(OperationErrorKind.LoneSurrogate, ex.Kind);
        Assert.Contains("Component 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeleteOfInt32MinValue_IsTooLong()
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse("[1,-2147483648]"));

        Assert.Equal(OperationErrorKind.TooLong, ex.Kind);
        Assert.Contains("Component 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LengthsBeyondInt32_AreTooLong()
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse("[2147483647,1]"));

        Assert.Equal(OperationErrorKind.TooLong, ex.Kind);
    }

    [Fact]
    public void Read_ReadsAnArrayInsideALargerDocument_AndStopsAtItsEnd()
    {
        var reader = new Utf8JsonReader("{\"operation\":[1,\"a\",-1],\"revision\":3}"u8);
        reader.Read(); // {
        reader.Read(); // "operation"
        reader.Read(); // [

        var op = TextOperation.Read(ref reader);

        Assert.Equal(TextOperation.Parse("[1,\"a\",-1]"), op);
        Assert.Equal(JsonTokenType.EndArray, reader.TokenType);
        Assert.True(reader.Read());
        Assert.Equal("revision", reader.GetString());
    }

    [Fact]
    public void Read_NotAtAnArray_IsMalformedJson()
    {
        var reader = new Utf8JsonReader("{\"a\":1}"u8);
        reader.Read();

        OperationException? caught = null;
        try
        {
            TextOperation.Read(ref reader);
        }
        catch (OperationException ex)
        {
            caught = ex;
        }

        Assert.NotNull(caught);
        Assert.Equal(OperationErrorKind.MalformedJson, caught.Kind);
        Assert.Contains("found an object", caught.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_ReadsAParsedArray()
    {
        using var document = JsonDocument.Parse("[5,\"hi😀\",-3]");

        Assert.Equal(TextOperation.Parse("[5,\"hi😀\",-3]"), TextOperation.FromJson(document.RootElement));
    }

    [Fact]
    public void FromJson_ReadsAnArrayNestedInAMessage()
    {
        using var document = JsonDocument.Parse("{\"revision\":2,\"operation\":[\"x\",-1]}");

        Assert.Equal(TextOperation.Parse("[\"x\",-1]"), TextOperation.FromJson(document.RootElement.GetProperty("operation")));
    }

    [Theory]
    [InlineData("[1.5]", OperationErrorKind.MalformedJson, "component 0")]
    [InlineData("[1,1.0]", OperationErrorKind.MalformedJson, "component 1")]
    [InlineData("[1e3]", OperationErrorKind.MalformedJson, "component 0")]
    [InlineData("[2147483648]", OperationErrorKind.MalformedJson, "component 0")]
    [InlineData("[1,null]", OperationErrorKind.MalformedJson, "component 1 is Null")]
    [InlineData("[true]", OperationErrorKind.MalformedJson, "component 0 is True")]
    [InlineData("[{}]", OperationErrorKind.MalformedJson, "component 0 is Object")]
    [InlineData("[1,[2]]", OperationErrorKind.MalformedJson, "component 1 is Array")]
    [InlineData("null", OperationErrorKind.MalformedJson, "found Null")]
    [InlineData("true", OperationErrorKind.MalformedJson, "found True")]
    [InlineData("{}", OperationErrorKind.MalformedJson, "found Object")]
    [InlineData("\"[1]\"", OperationErrorKind.MalformedJson, "found String")]
    [InlineData("[0]", OperationErrorKind.MalformedComponent, "Component 0")]
    [InlineData("[1,\"\"]", OperationErrorKind.MalformedComponent, "Component 1")]
    [InlineData("[\"\\ud83d\"]", OperationErrorKind.LoneSurrogate, "Component 0")]
    [InlineData("[1,\"x\\udc00\"]", OperationErrorKind.LoneSurrogate, "Component 1")]
    [InlineData("[-2147483648]", OperationErrorKind.TooLong, "Component 0")]
    public void FromJson_Rejects_SayingWhere(string json, OperationErrorKind kind, string where)
    {
        using var document = JsonDocument.Parse(json);

        var ex = Assert.Throws<OperationException>(() => TextOperation.FromJson(document.RootElement));

        Assert.Equal(kind, ex.Kind);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_DefaultElement_IsMalformedJson()
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.FromJson(default));

        Assert.Equal(OperationErrorKind.MalformedJson, ex.Kind);
    }

    [Fact]
    public void WriteTo_WritesTheOtJsForm()
    {
        var op = TextOperation.Parse("[5,\"hi\",-3]");
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            op.WriteTo(writer);
        }

        Assert.Equal("[5,\"hi\",-3]", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void WriteTo_AstralText_IsEquivalentJson()
    {
        var op = TextOperation.Parse("[1,\"😀<é>\",-1]");
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            op.WriteTo(writer);
        }

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("[1,\"😀<é>\",-1]"), JsonNode.Parse(stream.ToArray())));
        Assert.Equal(op, TextOperation.Parse(stream.ToArray()));
    }

    [Fact]
    public void WriteTo_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TextOperation.Identity(1).WriteTo(null!));
    }
}
