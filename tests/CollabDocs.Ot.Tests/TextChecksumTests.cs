using System.Text.Json;

namespace CollabDocs.Ot.Tests;

public sealed class TextChecksumTests
{
    public static TheoryData<string, uint> Vectors()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "checksum-vectors.json")));
        var data = new TheoryData<string, uint>();
        foreach (var vector in json.RootElement.GetProperty("vectors").EnumerateArray())
        {
            data.Add(vector.GetProperty("text").GetString()!, vector.GetProperty("checksum").GetUInt32());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    [Trait("Promise", "protocol.checksum-fnv1a")]
    public void Compute_MatchesTheSharedVectors(string text, uint expected)
    {
        Assert.Equal(expected, TextChecksum.Compute(text));
    }

    [Fact]
    public void Empty_IsTheOffsetBasis()
    {
        Assert.Equal(2166136261u, TextChecksum.Compute(string.Empty));
        Assert.Equal(TextChecksum.Empty, TextChecksum.Compute(string.Empty));
    }

    [Fact]
    public void Append_EqualsTheChecksumOfTheConcatenation()
    {
        Assert.Equal(TextChecksum.Compute("hello world"), TextChecksum.Append(TextChecksum.Compute("hello"), " world"));
    }

    [Fact]
    public void TextDocument_Checksum_EqualsTheChecksumOfItsText_WhereverTheGapIs()
    {
        var document = new TextDocument("abcdef😀ghij");
        document.Apply(TextOperation.Splice(document.Length, 3, 1, "XY"));

        Assert.Equal(TextChecksum.Compute(document.ToString()), document.Checksum());
    }

    [Fact]
    public void OneChangedCharacter_ChangesTheChecksum()
    {
        Assert.NotEqual(TextChecksum.Compute("abcd"), TextChecksum.Compute("abce"));
        Assert.NotEqual(TextChecksum.Compute("ab"), TextChecksum.Compute("ba"));
    }
}
