namespace CollabDocs.Ot.Tests;

public sealed class ComposeTests
{
    [Theory]
    [InlineData("[\"abc\"]", "[1,-1,1]", "[\"ac\"]")] // insert then delete part of it cancels
    [InlineData("[3]", "[-1,2]", "[-1,2]")]
    [InlineData("[-1,2]", "[\"x\",2]", "[\"x\",-1,2]")] // second's insert goes before first's delete
    [InlineData("[1,\"ab\",1]", "[2,\"X\",2]", "[1,\"aXb\",1]")] // insert inside an insert
    [InlineData("[2,-1]", "[-2]", "[-3]")]
    [InlineData("[\"ab\"]", "[-2]", "[]")]
    [InlineData("[1,\"😀\",1]", "[1,-2,\"🎉\",1]", "[1,\"🎉\",1]")]
    [InlineData("[\"😀😀\"]", "[2,-2]", "[\"😀\"]")]
    [InlineData("[]", "[]", "[]")]
    public void Compose_GivesTheCombinedEffect(string first, string second, string expected)
    {
        var a = TextOperation.Parse(first);
        var b = TextOperation.Parse(second);

        var composed = a.Compose(b);

        Assert.Equal(TextOperation.Parse(expected), composed);
        Assert.Equal(a.BaseLength, composed.BaseLength);
        Assert.Equal(b.TargetLength, composed.TargetLength);
    }

    [Fact]
    public void Compose_AppliesLikeTheTwoInTurn()
    {
        var a = TextOperation.Parse("[1,\"XY\",-2,1]");
        var b = TextOperation.Parse("[2,-2,\"Z\"]");

        Assert.Equal(b.Apply(a.Apply("abcd")), a.Compose(b).Apply("abcd"));
        Assert.Equal("aXZ", a.Compose(b).Apply("abcd"));
    }

    [Fact]
    public void Compose_WithIdentity_LeavesTheOperation()
    {
        var op = TextOperation.Parse("[1,\"x\",-2,3]");

        Assert.Equal(op, op.Compose(TextOperation.Identity(op.TargetLength)));
        Assert.Equal(op, TextOperation.Identity(op.BaseLength).Compose(op));
    }

    [Fact]
    public void Compose_LengthMismatch_IsRejected_NamingBothLengths()
    {
        var a = TextOperation.Parse("[2,\"x\"]");
        var b = TextOperation.Parse("[2]");

        var ex = Assert.Throws<OperationException>(() => a.Compose(b));

        Assert.Equal(OperationErrorKind.LengthMismatch, ex.Kind);
        Assert.Contains("target length 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("base length 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,-1]")] // retains half of the inserted emoji
    [InlineData("[-1,1]")] // deletes half of the inserted emoji
    public void Compose_CuttingAnInsertedEmoji_IsRejected_NamingTheOffset(string second)
    {
        var a = TextOperation.Parse("[\"😀\"]");
        var b = TextOperation.Parse(second);

        var ex = Assert.Throws<OperationException>(() => a.Compose(b));

        Assert.Equal(OperationErrorKind.SplitsSurrogatePair, ex.Kind);
        Assert.Contains("offset 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_CuttingAnInsertedEmojiInsideLongerText_NamesTheOffsetInTheInsert()
    {
        var a = TextOperation.Parse("[1,\"ab😀\",1]");
        var b = TextOperation.Parse("[4,-1,1]");

        var ex = Assert.Throws<OperationException>(() => a.Compose(b));

        Assert.Equal(OperationErrorKind.SplitsSurrogatePair, ex.Kind);
        Assert.Contains("offset 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_AfterARejectedCompose_StillGivesCorrectResults()
    {
        var emoji = TextOperation.Parse("[\"😀\"]");
        Assert.Throws<OperationException>(() => emoji.Compose(TextOperation.Parse("[1,-1]")));

        var composed = TextOperation.Parse("[1,\"ab\",1]").Compose(TextOperation.Parse("[2,\"X\",2]"));

        Assert.Equal(TextOperation.Parse("[1,\"aXb\",1]"), composed);
    }

    [Fact]
    public void Compose_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TextOperation.Identity(0).Compose(null!));
    }
}
