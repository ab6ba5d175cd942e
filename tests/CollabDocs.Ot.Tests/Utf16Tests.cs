using System.Text.RegularExpressions;

namespace CollabDocs.Ot.Tests;

public sealed class Utf16Tests
{
    [Theory]
    [InlineData("", -1)]
    [InlineData("abc", -1)]
    [InlineData("😀", -1)]
    [InlineData("a😀b🎉", -1)]
    [InlineData(@"\ud83d", 0)]
    [InlineData(@"a\ude00", 1)]
    [InlineData(@"\ude00\ud83d", 0)]
    [InlineData(@"😀\ud83d", 2)]
    [InlineData(@"😀\ud83da", 2)]
    public void IndexOfLoneSurrogate_FindsTheFirstUnpairedHalf(string escaped, int expected)
    {
        // Lone surrogates are spelled as escapes: attribute strings are stored as UTF-8.
        Assert.Equal(expected, Utf16.IndexOfLoneSurrogate(Regex.Unescape(escaped)));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(5, false)]
    public void SplitsPair_OnlyBetweenTheHalves(int position, bool splits)
    {
        Assert.Equal(splits, Utf16.SplitsPair("a😀b", position));
        Assert.Equal(splits, Utf16.SplitsPair("a😀b".AsSpan(), position));
    }

    [Fact]
    public void SplitsPair_IgnoresReversedHalves()
    {
        Assert.False(Utf16.SplitsPair("\ude00\ud83d", 1));
    }
}
