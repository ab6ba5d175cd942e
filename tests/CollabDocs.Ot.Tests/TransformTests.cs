namespace CollabDocs.Ot.Tests;

public sealed class TransformTests
{
    private static void AssertConverges(string text, TextOperation a, TextOperation b, string expected)
    {
        var (aPrime, bPrime) = TextOperation.Transform(a, b);
        Assert.Equal(expected, bPrime.Apply(a.Apply(text)));
        Assert.Equal(expected, aPrime.Apply(b.Apply(text)));
    }

    [Fact]
    public void Transform_InsertsAtSamePosition_IncomingWins()
    {
        var a = TextOperation.Parse("[1,\"a\",2]");
        var b = TextOperation.Parse("[1,\"b\",2]");

        var (aPrime, bPrime) = TextOperation.Transform(a, b);

        Assert.Equal(TextOperation.Parse("[1,\"a\",3]"), aPrime);
        Assert.Equal(TextOperation.Parse("[2,\"b\",2]"), bPrime);
        AssertConverges("xyz", a, b, "xabyz");
    }

    [Fact]
    public void Transform_InsertsAtSamePosition_SwappedArguments_TheOtherWins()
    {
        var a = TextOperation.Parse("[1,\"a\",2]");
        var b = TextOperation.Parse("[1,\"b\",2]");

        AssertConverges("xyz", b, a, "xbayz");
    }

    [Fact]
    public void Transform_InsertsIntoEmptyText_IncomingFirst()
    {
        var a = TextOperation.Parse("[\"😀\"]");
        var b = TextOperation.Parse("[\"b\"]");

        var (aPrime, bPrime) = TextOperation.Transform(a, b);

        Assert.Equal(TextOperation.Parse("[\"😀\",1]"), aPrime);
        Assert.Equal(TextOperation.Parse("[2,\"b\"]"), bPrime);
        AssertConverges(string.Empty, a, b, "😀b");
    }

    [Fact]
    public void Transform_InsertInsideConcurrentDelete_KeepsTheInsert()
    {
        var a = TextOperation.Parse("[2,\"X\",3]");
        var b = TextOperation.Parse("[1,-3,1]");

        var (aPrime, bPrime) = TextOperation.Transform(a, b);

        Assert.Equal(TextOperation.Parse("[1,\"X\",1]"), aPrime);
        Assert.Equal(TextOperation.Parse("[1,-1,1,-2,1]"), bPrime);
        AssertConverges("abcde", a, b, "aXe");
    }

    [Fact]
    public void Transform_OverlappingDeletes_DeleteTheUnionOnce()
    {
        var a = TextOperation.Parse("[1,-3,2]");
        var b = TextOperation.Parse("[2,-3,1]");

        var (aPrime, bPrime) = TextOperation.Transform(a, b);

        Assert.Equal(TextOperation.Parse("[1,-1,1]"), aPrime);
        Assert.Equal(TextOperation.Parse("[1,-1,1]"), bPrime);
        AssertConverges("abcdef", a, b, "af");
    }

    [Fact]
    public void Transform_SameDelete_BecomesNoopOnBothSides()
    {
        var a = TextOperation.Parse("[1,-2]");

        var (aPrime, bPrime) = TextOperation.Transform(a, a);

        Assert.True(aPrime.IsNoop);
        Assert.True(bPrime.IsNoop);
        Assert.Equal(TextOperation.Identity(1), aPrime);
    }

    [Fact]
    public void Transform_DeleteContainingOtherDelete_LeavesTheRest()
    {
        AssertConverges("abcdef", TextOperation.Parse("[1,-4,1]"), TextOperation.Parse("[2,-1,3]"), "af");
    }

    [Fact]
    public void Transform_ReplaceVsReplaceOfSameRange_KeepsBothInserts()
    {
        var a = TextOperation.Parse("[1,\"😀\",-2,1]");
        var b = TextOperation.Parse("[1,\"B\",-2,1]");

        AssertConverges("abcd", a, b, "a😀Bd");
        AssertConverges("abcd", b, a, "aB😀d");
    }

    [Fact]
    public void Transform_AgainstIdentity_LeavesTheOperation()
    {
        var a = TextOperation.Parse("[1,\"x\",-2,3]");

        var (aPrime, identityPrime) = TextOperation.Transform(a, TextOperation.Identity(a.BaseLength));

        Assert.Equal(a, aPrime);
        Assert.Equal(TextOperation.Identity(a.TargetLength), identityPrime);
    }

    [Fact]
    public void Transform_ResultLengths_FitTheOtherSide()
    {
        var a = TextOperation.Parse("[1,\"xyz\",-2,3]");
        var b = TextOperation.Parse("[-4,\"q\",2]");

        var (aPrime, bPrime) = TextOperation.Transform(a, b);

        Assert.Equal(b.TargetLength, aPrime.BaseLength);
        Assert.Equal(a.TargetLength, bPrime.BaseLength);
        Assert.Equal(aPrime.TargetLength, bPrime.TargetLength);
    }

    [Fact]
    public void Transform_AgainstComposition_MayOrderTiedInsertsDifferently()
    {
        // As in ot.js: b1 deletes "ab", then b2 types "Y" where it was. Against b1 then b2, x's "X" (at the
        // end of "ab") ties with "Y" and goes first; against b1∘b2 = ["Y",-2] the insert "Y" sits at the
        // start of the deletion, before x's position, so it goes first. Both schedules converge.
        var x = TextOperation.Parse("[2,\"X\"]");
        var b1 = TextOperation.Parse("[-2]");
        var b2 = TextOperation.Parse("[\"Y\"]");

        var (x1, _) = TextOperation.Transform(x, b1);
        var (sequential, _) = TextOperation.Transform(x1, b2);
        var (composed, _) = TextOperation.Transform(x, b1.Compose(b2));

        Assert.Equal("XY", sequential.Apply("Y"));
        Assert.Equal("YX", composed.Apply("Y"));
    }

    [Fact]
    public void Transform_DifferentBaseLengths_IsRejected_NamingBoth()
    {
        var ex = Assert.Throws<OperationException>(() => TextOperation.Transform(TextOperation.Identity(2), TextOperation.Identity(3)));

        Assert.Equal(OperationErrorKind.LengthMismatch, ex.Kind);
        Assert.Contains("(2 and 3)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TextOperation.Transform(null!, TextOperation.Identity(0)));
        Assert.Throws<ArgumentNullException>(() => TextOperation.Transform(TextOperation.Identity(0), null!));
    }
}
