namespace CollabDocs.Ot.Tests;

public sealed class TextOperationTests
{
    [Theory]
    [InlineData(0, "[]")]
    [InlineData(5, "[5]")]
    public void Identity_RetainsTheWholeText(int length, string json)
    {
        var identity = TextOperation.Identity(length);

        Assert.Equal(json, identity.ToString());
        Assert.Equal(length, identity.BaseLength);
        Assert.Equal(length, identity.TargetLength);
        Assert.True(identity.IsNoop);
    }

    [Fact]
    public void Identity_NegativeLength_IsRejected()
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Identity(-1));

        Assert.Equal(OperationErrorKind.MalformedComponent, ex.Kind);
    }

    [Theory]
    [InlineData(5, 1, 2, "xy", "[1,\"xy\",-2,2]", "hxylo")]
    [InlineData(5, 0, 0, ">", "[\">\",5]", ">hello")]
    [InlineData(5, 5, 0, "!", "[5,\"!\"]", "hello!")]
    [InlineData(5, 0, 5, "", "[-5]", "")]
    [InlineData(5, 2, 0, "", "[5]", "hello")]
    [InlineData(5, 4, 1, "", "[4,-1]", "hell")]
    public void Splice_DeletesThenInserts_AtOnePlace(int length, int position, int deleteCount, string insert, string json, string result)
    {
        var splice = TextOperation.Splice(length, position, deleteCount, insert);

        Assert.Equal(json, splice.ToString());
        Assert.Equal(result, splice.Apply("hello"));
    }

    [Fact]
    public void Splice_OnEmptyText_Inserts()
    {
        var splice = TextOperation.Splice(0, 0, 0, "😀");

        Assert.Equal(1, splice.Components.Length);
        Assert.Equal("😀", splice.Components[0].Text);
        Assert.Equal("😀", splice.Apply(string.Empty));
    }

    [Theory]
    [InlineData(5, -1, 0)]
    [InlineData(5, 0, -1)]
    [InlineData(5, 6, 0)]
    [InlineData(5, 3, 3)]
    [InlineData(5, int.MaxValue, int.MaxValue)]
    [InlineData(-1, 0, 0)]
    public void Splice_NotFittingTheText_IsRejectedAsLengthMismatch(int length, int position, int deleteCount)
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Splice(length, position, deleteCount, "x"));

        Assert.Equal(OperationErrorKind.LengthMismatch, ex.Kind);
        Assert.Contains($"at {position}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"length {length}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Splice_LoneSurrogate_IsRejected()
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Splice(3, 1, 0, "\ud83d"));

        Assert.Equal(OperationErrorKind.LoneSurrogate, ex.Kind);
    }

    [Fact]
    public void Splice_NullInsert_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TextOperation.Splice(3, 1, 0, null!));
    }

    [Theory]
    [InlineData("[]", true)]
    [InlineData("[7]", true)]
    [InlineData("[\"a\"]", false)]
    [InlineData("[-1]", false)]
    [InlineData("[1,\"a\"]", false)]
    [InlineData("[1,-1]", false)]
    public void IsNoop_OnlyForEmptyOrSingleRetain(string json, bool noop)
    {
        Assert.Equal(noop, TextOperation.Parse(json).IsNoop);
    }

    [Fact]
    public void Components_ExposeKindLengthAndText()
    {
        var components = TextOperation.Parse("[2,\"hi\",-3]").Components;

        Assert.Equal(3, components.Length);
        Assert.True(components[0].IsRetain);
        Assert.Equal(2, components[0].Length);
        Assert.True(components[1].IsInsert);
        Assert.Equal("hi", components[1].Text);
        Assert.True(components[2].IsDelete);
        Assert.Equal(3, components[2].Length);
    }

    [Fact]
    public void Equality_IsByValue()
    {
        var built = new TextOperationBuilder().Retain(1).Insert("a").Delete(2).Build();
        var parsed = TextOperation.Parse("[1,\"a\",-2]");

        Assert.True(built.Equals(parsed));
        Assert.True(built.Equals((object)parsed));
        Assert.True(built == parsed);
        Assert.False(built != parsed);
        Assert.Equal(built.GetHashCode(), parsed.GetHashCode());
        Assert.Single(new HashSet<TextOperation> { built, parsed });
    }

    [Theory]
    [InlineData("[1,\"a\",-2]", "[1,\"b\",-2]")]
    [InlineData("[1,\"a\",-2]", "[1,\"a\",-1]")]
    [InlineData("[1,\"a\",-2]", "[2,\"a\",-2]")]
    [InlineData("[2]", "[-2]")]
    [InlineData("[]", "[1]")]
    [InlineData("[\"a\"]", "[\"a\",1]")]
    public void Equality_DifferentOperations_AreNotEqual(string left, string right)
    {
        var a = TextOperation.Parse(left);
        var b = TextOperation.Parse(right);

        Assert.False(a.Equals(b));
        Assert.False(a == b);
        Assert.True(a != b);
    }

    [Fact]
    public void Equality_WithNullOrOtherType_IsFalse()
    {
        var operation = TextOperation.Identity(1);
        TextOperation? none = null;

        Assert.False(operation.Equals(none));
        Assert.False(operation.Equals("[1]"));
        Assert.False(operation == none);
        Assert.False(none == operation);
        Assert.True(none == null);
    }

    [Fact]
    public void ToString_GivesOtJsJson()
    {
        var operation = new TextOperationBuilder().Retain(5).Insert("hi").Delete(3).Build();

        Assert.Equal("[5,\"hi\",-3]", operation.ToString());
    }

    [Fact]
    public void ToString_EscapesQuotesBackslashesAndControlCharacters()
    {
        var operation = new TextOperationBuilder().Insert("a\"b\\c\nd\te").Build();

        Assert.Equal("[\"a\\\"b\\\\c\\nd\\te\"]", operation.ToString());
        Assert.Equal(operation, TextOperation.Parse(operation.ToString()));
    }

    [Fact]
    public void ToString_WithAstralAndNonAsciiText_ParsesBackToTheSameOperation()
    {
        var operation = new TextOperationBuilder().Retain(2).Insert("é中😀").Delete(2).Build();

        using var document = System.Text.Json.JsonDocument.Parse(operation.ToString());
        var items = document.RootElement.EnumerateArray().ToArray();

        Assert.Equal(2, items[0].GetInt32());
        Assert.Equal("é中😀", items[1].GetString());
        Assert.Equal(-2, items[2].GetInt32());
        Assert.Equal(operation, TextOperation.Parse(operation.ToString()));
    }
}
