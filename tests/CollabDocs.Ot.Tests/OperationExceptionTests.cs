namespace CollabDocs.Ot.Tests;

public sealed class OperationExceptionTests
{
    [Fact]
    public void DefaultConstructor_IsMalformedComponentWithAMessage()
    {
        var ex = new OperationException();

        Assert.Equal(OperationErrorKind.MalformedComponent, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void MessageConstructor_KeepsTheMessage()
    {
        var ex = new OperationException("bad");

        Assert.Equal(OperationErrorKind.MalformedComponent, ex.Kind);
        Assert.Equal("bad", ex.Message);
    }

    [Fact]
    public void InnerExceptionConstructor_KeepsTheCause()
    {
        var inner = new InvalidOperationException("cause");

        var ex = new OperationException("bad", inner);

        Assert.Equal(OperationErrorKind.MalformedComponent, ex.Kind);
        Assert.Same(inner, ex.InnerException);
    }

    [Theory]
    [InlineData(OperationErrorKind.MalformedJson)]
    [InlineData(OperationErrorKind.LengthMismatch)]
    [InlineData(OperationErrorKind.SplitsSurrogatePair)]
    [InlineData(OperationErrorKind.LoneSurrogate)]
    [InlineData(OperationErrorKind.TooLong)]
    public void KindConstructor_KeepsKindMessageAndCause(OperationErrorKind kind)
    {
        var inner = new FormatException();

        var ex = new OperationException(kind, "where", inner);

        Assert.Equal(kind, ex.Kind);
        Assert.Equal("where", ex.Message);
        Assert.Same(inner, ex.InnerException);
        Assert.Null(new OperationException(kind, "where").InnerException);
    }
}
