namespace CollabDocs.Ot.Tests.Json;

/// <summary>
/// The ot.js form as MessagePack's decoded values: the same operations, checks and limits as the JSON form (the
/// formatter itself is CollabDocs.Protocol's, tested in tests/CollabDocs.Client.Tests/Wire).
/// </summary>
public sealed class MessagePackFormTests
{
    [Fact]
    public void FromValues_ReadsEveryIntegerWidth_LikeTheJsonForm()
    {
        object?[] components = [(byte)5, "hi", (sbyte)-3, (short)7, (ushort)1, 2, 3L, 4U, 5UL];

        Assert.Equal(TextOperation.Parse("[5,\"hi\",-3,22]"), TextOperation.FromValues(components, OperationLimits.None));
    }

    [Theory]
    [InlineData(new object?[] { 5, 0 }, OperationErrorKind.MalformedComponent)]
    [InlineData(new object?[] { 5, "" }, OperationErrorKind.MalformedComponent)]
    [InlineData(new object?[] { 5, true }, OperationErrorKind.MalformedJson)]
    [InlineData(new object?[] { 5, null }, OperationErrorKind.MalformedJson)]
    [InlineData(new object?[] { 5, 1.5 }, OperationErrorKind.MalformedJson)]
    [InlineData(new object?[] { 5, 99_999_999_999L }, OperationErrorKind.MalformedJson)]
    public void FromValues_RejectsWhatTheJsonFormRejects(object?[] components, OperationErrorKind kind)
    {
        var error = Assert.Throws<OperationException>(() => TextOperation.FromValues(components, OperationLimits.None));

        Assert.Equal(kind, error.Kind);
    }

    [Fact]
    public void FromValues_RejectsALoneSurrogate()
    {
        var error = Assert.Throws<OperationException>(() => TextOperation.FromValues([5, "x" + '\ud800'], OperationLimits.None));

        Assert.Equal(OperationErrorKind.LoneSurrogate, error.Kind);
    }

    [Fact]
    public void FromValues_StopsAtTheFirstComponentPastTheLimits()
    {
        var components = Assert.Throws<OperationException>(() => TextOperation.FromValues([1, "a", 2, "b"], new OperationLimits(3, int.MaxValue)));
        var changed = Assert.Throws<OperationException>(() => TextOperation.FromValues(["abc", -2, 4, "d"], new OperationLimits(100, 5)));

        Assert.Equal((OperationErrorKind.LimitExceeded, OperationErrorKind.LimitExceeded), (components.Kind, changed.Kind));
        Assert.Contains("component 3", components.Message, StringComparison.Ordinal);
        Assert.Contains("component 3", changed.Message, StringComparison.Ordinal);
    }
}
