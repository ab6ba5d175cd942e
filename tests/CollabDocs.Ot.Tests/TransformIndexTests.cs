namespace CollabDocs.Ot.Tests;

public sealed class TransformIndexTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 3)] // text inserted at the cursor goes before it
    [InlineData(2, 4)]
    [InlineData(4, 6)]
    public void TransformIndex_InsertBefore_MovesRight(int index, int expected)
    {
        Assert.Equal(expected, TextOperation.Parse("[1,\"ab\",3]").TransformIndex(index));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 1)] // inside the deleted range: moves to where the deletion happened
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    public void TransformIndex_Delete_MovesInsideToTheStart(int index, int expected)
    {
        Assert.Equal(expected, TextOperation.Parse("[1,-2,1]").TransformIndex(index));
    }

    [Fact]
    public void TransformIndex_EndOfText_FollowsTrailingInsert()
    {
        Assert.Equal(3, TextOperation.Parse("[2,\"x\"]").TransformIndex(2));
        Assert.Equal(1, TextOperation.Parse("[\"x\"]").TransformIndex(0));
    }

    [Fact]
    public void TransformIndex_AroundAnEmoji_StaysOnPairBoundaries()
    {
        var op = TextOperation.Parse("[1,\"🎉\",-2,1]"); // "a😀b" -> "a🎉b"

        Assert.Equal(0, op.TransformIndex(0));
        Assert.Equal(3, op.TransformIndex(1));
        Assert.Equal(3, op.TransformIndex(3));
        Assert.Equal(4, op.TransformIndex(4));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void TransformIndex_OutsideTheBaseText_Throws(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextOperation.Identity(3).TransformIndex(index));
    }
}
