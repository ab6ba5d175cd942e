namespace CollabDocs.Ot.Tests;

public sealed class InvertTests
{
    [Theory]
    [InlineData("hello", "[1,\"X\",-2,2]", "[1,\"el\",-1,2]")]
    [InlineData("", "[\"abc\"]", "[-3]")]
    [InlineData("abc", "[-3]", "[\"abc\"]")]
    [InlineData("abc", "[3]", "[3]")]
    [InlineData("a😀b", "[1,-2,\"🎉\",1]", "[1,\"😀\",-2,1]")]
    public void Invert_UndoesTheOperation(string text, string operation, string expected)
    {
        var op = TextOperation.Parse(operation);

        var inverse = op.Invert(text);

        Assert.Equal(TextOperation.Parse(expected), inverse);
        Assert.Equal(text, inverse.Apply(op.Apply(text)));
        Assert.Equal(op.TargetLength, inverse.BaseLength);
        Assert.Equal(op.BaseLength, inverse.TargetLength);
    }

    [Fact]
    public void Invert_Twice_GivesTheOperationBack()
    {
        var op = TextOperation.Parse("[1,\"X\",-2,2]");

        Assert.Equal(op, op.Invert("hello").Invert(op.Apply("hello")));
    }

    [Fact]
    public void Invert_WrongBaseText_IsRejectedAsLengthMismatch()
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse("[1,-1]").Invert("abc"));

        Assert.Equal(OperationErrorKind.LengthMismatch, ex.Kind);
    }

    [Fact]
    public void Invert_BaseTextWhereADeleteSplitsAPair_IsRejected()
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse("[1,-2]").Invert("😀a"));

        Assert.Equal(OperationErrorKind.SplitsSurrogatePair, ex.Kind);
    }

    [Fact]
    public void Invert_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TextOperation.Identity(0).Invert(null!));
    }
}
