namespace CollabDocs.Ot.Tests;

public sealed class SelectionRangeTests
{
    [Fact]
    public void Cursor_IsAnEmptyRange()
    {
        var cursor = SelectionRange.Cursor(3);

        Assert.Equal(new SelectionRange(3, 3), cursor);
        Assert.True(cursor.IsEmpty);
        Assert.False(new SelectionRange(1, 3).IsEmpty);
    }

    [Theory]
    [InlineData(0, 0, 0, true)]
    [InlineData(2, 5, 5, true)]
    [InlineData(5, 2, 5, true)]
    [InlineData(-1, 2, 5, false)]
    [InlineData(2, -1, 5, false)]
    [InlineData(6, 2, 5, false)]
    [InlineData(2, 6, 5, false)]
    public void FitsLength_ChecksBothEnds(int anchor, int head, int length, bool fits)
    {
        Assert.Equal(fits, new SelectionRange(anchor, head).FitsLength(length));
    }

    [Fact]
    public void Transform_MovesBothEnds()
    {
        var op = TextOperation.Parse("[\"ab\",1,-2,2]");

        Assert.Equal(new SelectionRange(3, 4), new SelectionRange(1, 4).Transform(op));
        Assert.Equal(new SelectionRange(5, 2), new SelectionRange(5, 0).Transform(op));
    }

    [Fact]
    public void Transform_Cursor_StaysACursor()
    {
        var moved = SelectionRange.Cursor(2).Transform(TextOperation.Parse("[1,\"xyz\",2]"));

        Assert.Equal(SelectionRange.Cursor(5), moved);
    }

    [Fact]
    public void Transform_WholeSelectionDeleted_Collapses()
    {
        var moved = new SelectionRange(1, 3).Transform(TextOperation.Parse("[1,-2,1]"));

        Assert.Equal(SelectionRange.Cursor(1), moved);
        Assert.True(moved.IsEmpty);
    }

    [Fact]
    public void Transform_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SelectionRange.Cursor(0).Transform(null!));
    }
}
