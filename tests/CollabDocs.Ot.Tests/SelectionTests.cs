using System.Collections.Immutable;

namespace CollabDocs.Ot.Tests;

public sealed class SelectionTests
{
    [Fact]
    public void Cursor_HasOneEmptyRange()
    {
        var selection = Selection.Cursor(4);

        Assert.Equal(new[] { SelectionRange.Cursor(4) }, selection.Ranges);
    }

    [Fact]
    public void Constructor_DefaultArray_IsEmpty()
    {
        var selection = new Selection(default(ImmutableArray<SelectionRange>));

        Assert.False(selection.Ranges.IsDefault);
        Assert.Empty(selection.Ranges);
        Assert.True(selection.FitsText("abc"));
    }

    [Fact]
    public void Constructor_KeepsRangesInOrder()
    {
        var selection = new Selection(new SelectionRange(3, 1), SelectionRange.Cursor(0));

        Assert.Equal(new[] { new SelectionRange(3, 1), SelectionRange.Cursor(0) }, selection.Ranges);
    }

    [Fact]
    public void Transform_MovesEveryRange()
    {
        var selection = new Selection(new SelectionRange(0, 2), SelectionRange.Cursor(3), new SelectionRange(4, 1));
        var op = TextOperation.Parse("[1,\"XY\",-1,2]"); // "abcd" -> "aXYcd"

        var moved = selection.Transform(op);

        Assert.Equal(new Selection(new SelectionRange(0, 3), SelectionRange.Cursor(4), new SelectionRange(5, 3)), moved);
    }

    [Fact]
    public void Transform_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Selection.Cursor(0).Transform(null!));
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(1, 3, true)]
    [InlineData(4, 0, true)]
    [InlineData(2, 0, false)] // anchor inside the pair
    [InlineData(0, 2, false)] // head inside the pair
    [InlineData(5, 0, false)] // past the end
    [InlineData(-1, 0, false)]
    public void FitsText_RejectsEndsOutsideOrInsideAPair(int anchor, int head, bool fits)
    {
        var selection = new Selection(SelectionRange.Cursor(0), new SelectionRange(anchor, head));

        Assert.Equal(fits, selection.FitsText("a😀b"));
    }

    [Fact]
    public void Equality_IsByRanges()
    {
        var a = new Selection(new SelectionRange(1, 2), SelectionRange.Cursor(3));
        var b = new Selection(ImmutableArray.Create(new SelectionRange(1, 2), SelectionRange.Cursor(3)));
        var reordered = new Selection(SelectionRange.Cursor(3), new SelectionRange(1, 2));

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(reordered));
        Assert.False(a.Equals(null));
        Assert.False(a.Equals((object)"a"));
        Assert.Equal(new Selection(), new Selection(default(ImmutableArray<SelectionRange>)));
    }
}
