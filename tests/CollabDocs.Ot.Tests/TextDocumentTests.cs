using CollabDocs.Ot.Tests.Properties;

namespace CollabDocs.Ot.Tests;

public sealed class TextDocumentTests
{
    [Fact]
    public void Checksum_AfterEdits_AlwaysEqualsTheChecksumOfTheWholeText()
    {
        // Texts of several checkpoints (1,024 characters apart); edits anywhere, checksums asked after some of them only.
        PropertyCheck.Run(nameof(Checksum_AfterEdits_AlwaysEqualsTheChecksumOfTheWholeText), 100, c =>
        {
            string text = c.Generate.Text(5000);
            var document = new TextDocument(text);
            for (int i = 0; i < 30; i++)
            {
                var operation = c.Generate.Operation(text, maxChunk: 2000, maxInsert: 700);
                document.Apply(operation);
                text = operation.Apply(text);
                if (c.Generate.Random.Next(3) > 0)
                {
                    Assert.Equal(TextChecksum.Compute(text), document.Checksum());
                }
            }

            Assert.Equal(TextChecksum.Compute(text), document.Checksum());
        });
    }

    [Fact]
    public void Constructor_Default_IsEmpty()
    {
        var document = new TextDocument();

        Assert.Equal(0, document.Length);
        Assert.Equal(string.Empty, document.ToString());
    }

    [Fact]
    public void Constructor_KeepsTheText()
    {
        var document = new TextDocument("a😀b");

        Assert.Equal(4, document.Length);
        Assert.Equal("a😀b", document.ToString());
    }

    [Fact]
    public void Constructor_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new TextDocument(null!));
    }

    [Fact]
    public void Apply_SpliceSequence_EditsInPlace()
    {
        var document = new TextDocument("hello");

        document.Apply(TextOperation.Splice(5, 5, 0, " world"));
        document.Apply(TextOperation.Splice(11, 0, 1, "H"));

        Assert.Equal("Hello world", document.ToString());
    }

    [Fact]
    public void Apply_EditsBeforeAndAfterTheGap_KeepTheTextInOrder()
    {
        var document = new TextDocument("0123456789");
        var expected = "0123456789";
        var edits = new[]
        {
            TextOperation.Splice(10, 8, 1, "ab"), // gap near the end
            TextOperation.Splice(11, 1, 2, string.Empty), // gap moves left
            TextOperation.Splice(9, 9, 0, "😀"), // gap moves to the very end
            TextOperation.Parse("[\"<\",-1,3,\"|\",-2,5]"), // several places in one operation
        };

        foreach (var edit in edits)
        {
            document.Apply(edit);
            expected = edit.Apply(expected);
            Assert.Equal(expected, document.ToString());
            Assert.Equal(expected.Length, document.Length);
        }
    }

    [Fact]
    public void Apply_InsertBeforeDelete_ReservesRoomForAllInsertedText()
    {
        var document = new TextDocument("abc");
        var bigInsert = new string('x', 10_000);

        document.Apply(TextOperation.Parse($"[\"{bigInsert}\",-3]"));

        Assert.Equal(bigInsert, document.ToString());
    }

    [Fact]
    public void Apply_ManyGrowths_KeepTheText()
    {
        var document = new TextDocument();
        var expected = string.Empty;
        for (int i = 0; i < 12; i++)
        {
            var insert = new string((char)('a' + i), 1 << i);
            var op = TextOperation.Splice(expected.Length, expected.Length / 2, 0, insert);
            document.Apply(op);
            expected = op.Apply(expected);
        }

        Assert.Equal(expected, document.ToString());
    }

    [Fact]
    public void Apply_WrongLength_IsRejected_AndLeavesTheDocumentUnchanged()
    {
        var document = new TextDocument("abc");
        document.Apply(TextOperation.Splice(3, 1, 0, "x")); // the gap now sits inside the text

        var ex = Assert.Throws<OperationException>(() => document.Apply(TextOperation.Parse("[2,\"y\"]")));

        Assert.Equal(OperationErrorKind.LengthMismatch, ex.Kind);
        Assert.Contains("base length 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("length 4", ex.Message, StringComparison.Ordinal);
        Assert.Equal("axbc", document.ToString());
        Assert.Equal(4, document.Length);
    }

    [Theory]
    [InlineData("[2,\"x\",2]", 1, 2)]
    [InlineData("[\"x\",2,-1,1]", 2, 2)]
    [InlineData("[1,-1,\"x\",2]", 3, 2)]
    public void Apply_SplittingAPair_IsRejected_AndLeavesTheDocumentUnchanged(string operation, int component, int position)
    {
        var document = new TextDocument("a😀b");

        var ex = Assert.Throws<OperationException>(() => document.Apply(TextOperation.Parse(operation)));

        Assert.Equal(OperationErrorKind.SplitsSurrogatePair, ex.Kind);
        Assert.Contains($"Component {component} starts at position {position}", ex.Message, StringComparison.Ordinal);
        Assert.Equal("a😀b", document.ToString());
    }

    [Fact]
    public void Apply_SplittingAPairAcrossTheGap_IsRejected()
    {
        var document = new TextDocument("xy");
        document.Apply(TextOperation.Parse("[1,\"😀\",1]")); // the gap sits right after the emoji
        document.Apply(TextOperation.Parse("[\"😀\",4]")); // now the gap sits after the first emoji

        var ex = Assert.Throws<OperationException>(() => document.Apply(TextOperation.Parse("[4,-1,1]")));

        Assert.Equal(OperationErrorKind.SplitsSurrogatePair, ex.Kind);
        Assert.Equal("😀x😀y", document.ToString());
    }

    [Fact]
    public void Apply_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new TextDocument().Apply(null!));
    }

    [Fact]
    public void CheckFits_AcceptsAFittingOperation()
    {
        new TextDocument("a😀b").CheckFits(TextOperation.Parse("[1,-2,1]"));
    }

    [Fact]
    public void CheckFits_RejectsWithoutChangingAnything()
    {
        var document = new TextDocument("a😀b");

        Assert.Equal(OperationErrorKind.LengthMismatch, Assert.Throws<OperationException>(() => document.CheckFits(TextOperation.Identity(3))).Kind);
        Assert.Equal(OperationErrorKind.SplitsSurrogatePair, Assert.Throws<OperationException>(() => document.CheckFits(TextOperation.Parse("[2,-2]"))).Kind);
        Assert.Throws<ArgumentNullException>(() => document.CheckFits(null!));
        Assert.Equal("a😀b", document.ToString());
    }

    [Fact]
    public void Indexer_ReadsAcrossTheGap()
    {
        var document = new TextDocument("abcdef");
        document.Apply(TextOperation.Splice(6, 3, 0, "XY"));

        Assert.Equal("abcXYdef", new string([.. Enumerable.Range(0, document.Length).Select(i => document[i])]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Indexer_OutOfRange_Throws(int index)
    {
        var document = new TextDocument("abc");

        Assert.Throws<ArgumentOutOfRangeException>(() => document[index]);
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
        var document = new TextDocument("a😀b");

        Assert.Equal(splits, document.SplitsPair(position));
    }

    [Fact]
    public void Substring_CopiesAcrossTheGap()
    {
        var document = new TextDocument("abcdef");
        document.Apply(TextOperation.Splice(6, 3, 0, "XY"));

        Assert.Equal("abc", document.Substring(0, 3));
        Assert.Equal("cXYd", document.Substring(2, 4));
        Assert.Equal("XY", document.Substring(3, 2));
        Assert.Equal("ef", document.Substring(6, 2));
        Assert.Equal(string.Empty, document.Substring(8, 0));
        Assert.Equal("abcXYdef", document.Substring(0, 8));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, -1)]
    [InlineData(2, 2)]
    [InlineData(4, 0)]
    [InlineData(1, int.MaxValue)]
    [InlineData(int.MaxValue, 1)]
    public void Substring_OutOfRange_Throws(int start, int count)
    {
        var document = new TextDocument("abc");

        Assert.Throws<ArgumentOutOfRangeException>(() => document.Substring(start, count));
    }
}
