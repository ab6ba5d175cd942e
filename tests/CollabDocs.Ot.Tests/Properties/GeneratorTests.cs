using System.Text;

namespace CollabDocs.Ot.Tests.Properties;

/// <summary>The generator itself: seeded, valid, and astral-heavy enough to matter.</summary>
public sealed class GeneratorTests
{
    [Fact]
    public void SameSeed_GivesSameOperations()
    {
        var first = new OperationGenerator(new Random(42));
        var second = new OperationGenerator(new Random(42));

        for (int i = 0; i < 100; i++)
        {
            string text = first.Text(20);
            Assert.Equal(text, second.Text(20));
            Assert.Equal(first.Operation(text), second.Operation(text));
        }
    }

    [Fact]
    public void AtLeastAFifthOfInsertedCharacters_AreOutsideTheBmp()
    {
        var generate = new OperationGenerator(new Random(PropertyCheck.BaseSeed));
        int characters = 0;
        int astral = 0;
        for (int i = 0; i < 2_000; i++)
        {
            foreach (var component in generate.Operation(generate.Text(20)).Components)
            {
                foreach (var rune in component.Text.EnumerateRunes())
                {
                    characters++;
                    astral += rune.IsBmp ? 0 : 1;
                }
            }
        }

        Assert.True(astral * 5 >= characters, $"{astral} of {characters} inserted characters are outside the BMP.");
    }

    [Fact]
    public void GeneratedOperations_NeverSplitAPair()
    {
        PropertyCheck.Run(nameof(GeneratedOperations_NeverSplitAPair), c =>
        {
            string text = c.Note("text", c.Generate.Text(12));
            var op = c.Note("op", c.Generate.Operation(text));
            op.CheckFits(text);
            Assert.Equal(-1, Utf16.IndexOfLoneSurrogate(op.Apply(text)));
            var splice = c.Note("splice", c.Generate.Splice(text, 6, 3));
            splice.CheckFits(text);
            Assert.True(c.Generate.Selection(text).FitsText(text));
        });
    }

    [Fact]
    public void CaseSeeds_DependOnBaseSeedAndIndex()
    {
        Assert.Equal(PropertyCheck.CaseSeed(1, 2), PropertyCheck.CaseSeed(1, 2));
        Assert.NotEqual(PropertyCheck.CaseSeed(1, 2), PropertyCheck.CaseSeed(1, 3));
        Assert.NotEqual(PropertyCheck.CaseSeed(1, 2), PropertyCheck.CaseSeed(2, 2));
        Assert.True(PropertyCheck.CaseSeed(-7, 0) >= 0);
    }

    [Fact]
    public void Failure_ReportsSeedCaseAndInputs()
    {
        var ex = Assert.ThrowsAny<Exception>(() => PropertyCheck.Run("demo", 10, 99, c =>
        {
            c.Note("text", "a😀");
            Assert.True(c.Index != 3, "boom");
        }));

        Assert.Contains("case 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OT_SEED=99", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"case seed {PropertyCheck.CaseSeed(99, 3)}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("text = ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("boom", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Texts_AreWellFormedUtf16()
    {
        var generate = new OperationGenerator(new Random(7));
        var builder = new StringBuilder();
        for (int i = 0; i < 1_000; i++)
        {
            builder.Append(generate.Text(10));
        }

        Assert.Equal(-1, Utf16.IndexOfLoneSurrogate(builder.ToString()));
    }
}
