using CollabDocs.Ot.Tests.Properties;

namespace CollabDocs.Ot.Tests;

public sealed class TextDiffTests
{
    [Theory]
    [InlineData("", "", "[]")]
    [InlineData("abc", "abc", "[3]")]
    [InlineData("", "abc", "[\"abc\"]")]
    [InlineData("abc", "", "[-3]")]
    [InlineData("hello world", "hello brave world", "[6,\"brave \",5]")]
    [InlineData("hello brave world", "hello world", "[6,-6,5]")]
    [InlineData("abcdef", "abXdef", "[2,\"X\",-1,3]")]
    [InlineData("kitten", "sitting", "[\"s\",-1,3,\"i\",-1,1,\"g\"]")]
    public void Compute_GivesTheSmallestOperation(string oldText, string newText, string expected)
    {
        var op = TextDiff.Compute(oldText, newText);

        Assert.Equal(TextOperation.Parse(expected), op);
        Assert.Equal(newText, op.Apply(oldText));
    }

    [Fact]
    public void Compute_NeverSplitsASurrogatePair()
    {
        // Same high surrogate, different low surrogates: the whole pair is replaced.
        var op = TextDiff.Compute("a😀b", "a😁b");

        Assert.Equal(TextOperation.Parse("[1,\"😁\",-2,1]"), op);
        Assert.Equal("a😁b", op.Apply("a😀b"));
    }

    [Fact]
    public void Compute_SameLowSurrogateAtTheEnd_DoesNotCutThePair()
    {
        // U+1F600 and U+1F400 differ in the high surrogate and share the low one.
        string oldText = "x\U0001F600";
        string newText = "x\U0001F400";

        var op = TextDiff.Compute(oldText, newText);

        Assert.Equal(newText, op.Apply(oldText));
        Assert.Equal(4, InsertedPlusDeleted(op));
    }

    [Fact]
    public void RandomTexts_DiffAppliesToTheNewText_AndIsMinimal()
    {
        PropertyCheck.Run(nameof(RandomTexts_DiffAppliesToTheNewText_AndIsMinimal), 3000, c =>
        {
            string oldText = c.Note("old", c.Generate.Text(14));
            string newText = c.Note("new", c.Generate.Random.Next(2) == 0 ? c.Generate.Operation(oldText).Apply(oldText) : c.Generate.Text(14));

            var op = c.Note("diff", TextDiff.Compute(oldText, newText));

            Assert.Equal(newText, op.Apply(oldText));
            Assert.Equal(MinimalEditLength(oldText, newText), CodePointsChanged(op, oldText));
        });
    }

    [Fact]
    public void TypingSizedChange_InALongText_IsFound()
    {
        var random = new Random(7);
        var generator = new OperationGenerator(random);
        string oldText = generator.TextOf(50_000);
        var edit = generator.Scattered(oldText, 20, 5, 5);
        string newText = edit.Apply(oldText);

        var op = TextDiff.Compute(oldText, newText);

        Assert.Equal(newText, op.Apply(oldText));
        Assert.True(InsertedPlusDeleted(op) <= InsertedPlusDeleted(edit), $"diff changes {InsertedPlusDeleted(op)}, the edit {InsertedPlusDeleted(edit)}");
    }

    [Fact]
    public void WorkLimitReached_StillGivesACorrectOperation()
    {
        var generator = new OperationGenerator(new Random(11));
        string oldText = generator.TextOf(400);
        string newText = generator.TextOf(400);

        var op = TextDiff.Compute(oldText, newText, maxWork: 50);

        Assert.Equal(newText, op.Apply(oldText));
    }

    private static int InsertedPlusDeleted(TextOperation op)
    {
        int changed = 0;
        foreach (var component in op.Components)
        {
            changed += component.IsRetain ? 0 : component.Length;
        }

        return changed;
    }

    private static int CodePointsChanged(TextOperation op, string oldText)
    {
        int changed = 0;
        int position = 0;
        foreach (var component in op.Components)
        {
            if (component.IsInsert)
            {
                changed += CodePoints(component.Text).Count;
            }
            else if (component.IsDelete)
            {
                changed += CodePoints(oldText.Substring(position, component.Length)).Count;
            }

            position += component.IsInsert ? 0 : component.Length;
        }

        return changed;
    }

    /// <summary>Code points inserted plus deleted by a shortest edit (LCS by dynamic programming).</summary>
    private static int MinimalEditLength(string a, string b)
    {
        var x = CodePoints(a);
        var y = CodePoints(b);
        var lcs = new int[x.Count + 1, y.Count + 1];
        for (int i = x.Count - 1; i >= 0; i--)
        {
            for (int j = y.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = x[i] == y[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        return x.Count + y.Count - (2 * lcs[0, 0]);
    }

    private static List<string> CodePoints(string text)
    {
        var points = new List<string>();
        for (int i = 0; i < text.Length; i += char.IsHighSurrogate(text[i]) ? 2 : 1)
        {
            points.Add(text.Substring(i, char.IsHighSurrogate(text[i]) ? 2 : 1));
        }

        return points;
    }
}
