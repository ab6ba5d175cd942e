namespace CollabDocs.Ot.Tests;

public sealed class ApplyTests
{
    [Theory]
    [InlineData("hello world", "[6,\"there\",-5]", "hello there")]
    [InlineData("", "[]", "")]
    [InlineData("", "[\"abc\"]", "abc")]
    [InlineData("abc", "[-3]", "")]
    [InlineData("abc", "[3]", "abc")]
    [InlineData("abc", "[\"x\",-1,1,\"y\",-1]", "xby")]
    [InlineData("a😀b", "[1,-2,1]", "ab")]
    [InlineData("a😀b", "[3,\"🎉\",1]", "a😀🎉b")]
    [InlineData("😀😀", "[2,-2]", "😀")]
    [InlineData("😀😀", "[\"x\",-2,2]", "x😀")]
    public void Apply_ProducesTheEditedText(string text, string operation, string expected)
    {
        var op = TextOperation.Parse(operation);

        Assert.Equal(expected, op.Apply(text));
        Assert.Equal(expected.Length, op.TargetLength);
    }

    [Fact]
    public void Apply_WrongLength_IsRejectedAsLengthMismatch_NamingBothLengths()
    {
        var op = TextOperation.Parse("[3,\"x\"]");

        var ex = Assert.Throws<OperationException>(() => op.Apply("ab"));

        Assert.Equal(OperationErrorKind.LengthMismatch, ex.Kind);
        Assert.Contains("base length 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("length 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[2,-1,1]", 1, 2)] // a retain ends inside the pair
    [InlineData("[1,-1,2]", 2, 2)] // a delete ends inside the pair
    [InlineData("[2,\"x\",2]", 1, 2)] // an insert lands inside the pair
    [InlineData("[-2,2]", 1, 2)] // a leading delete ends inside the pair
    public void Apply_BoundaryInsideSurrogatePair_IsRejected_NamingComponentAndPosition(string operation, int component, int position)
    {
        var op = TextOperation.Parse(operation);

        var ex = Assert.Throws<OperationException>(() => op.Apply("a😀b"));

        Assert.Equal(OperationErrorKind.SplitsSurrogatePair, ex.Kind);
        Assert.Contains($"Component {component}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"position {position}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NullText_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TextOperation.Identity(0).Apply(null!));
    }

    [Fact]
    public void CheckFits_AcceptsAFittingText()
    {
        TextOperation.Parse("[1,-2,\"x\",1]").CheckFits("a😀b");
    }

    [Fact]
    public void CheckFits_RejectsLengthMismatch()
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Identity(2).CheckFits("abc"));

        Assert.Equal(OperationErrorKind.LengthMismatch, ex.Kind);
    }

    [Fact]
    public void CheckFits_RejectsSplitPair()
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Parse("[1,-2]").CheckFits("😀a"));

        Assert.Equal(OperationErrorKind.SplitsSurrogatePair, ex.Kind);
        Assert.Contains("Component 1 starts at position 1", ex.Message, StringComparison.Ordinal);
    }
}
