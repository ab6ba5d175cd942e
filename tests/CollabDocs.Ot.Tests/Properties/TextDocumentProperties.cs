using System.Text;

namespace CollabDocs.Ot.Tests.Properties;

/// <summary>The gap buffer agrees with <see cref="TextOperation.Apply(string)"/> over long random histories.</summary>
public sealed class TextDocumentProperties
{
    [Fact]
    public void TextDocument_AgreesWithStringApply_OverRandomSequences()
    {
        PropertyCheck.Run(nameof(TextDocument_AgreesWithStringApply_OverRandomSequences), c =>
        {
            string text = c.Note("text", c.Generate.Text(16));
            var document = new TextDocument(text);
            int steps = 1 + c.Generate.Random.Next(30);
            for (int step = 0; step < steps; step++)
            {
                var op = c.Generate.Random.Next(2) == 0 ? c.Generate.Operation(text) : c.Generate.Splice(text, 8, 6);
                c.Note($"op {step}", op);
                document.Apply(op);
                text = op.Apply(text);
                Assert.Equal(text.Length, document.Length);
                Assert.Equal(text, document.ToString());
            }
        });
    }

    [Fact]
    public void TextDocument_AgreesWithStringApply_OverLongHistories()
    {
        PropertyCheck.Run(nameof(TextDocument_AgreesWithStringApply_OverLongHistories), 20, c =>
        {
            string text = c.Generate.TextOf(c.Generate.Random.Next(10_000));
            var document = new TextDocument(text);
            for (int step = 0; step < 1_000; step++)
            {
                var op = c.Generate.Random.Next(10) == 0
                    ? c.Generate.Scattered(text, places: 1 + c.Generate.Random.Next(10), maxDelete: 40, maxInsert: 30)
                    : c.Generate.Splice(text, 40, 20);
                document.Apply(op);
                text = op.Apply(text);
                Assert.Equal(text.Length, document.Length);
                AssertSameSamples(c.Generate.Random, text, document, $"step {step}");
            }

            Assert.Equal(text, document.ToString());
        });
    }

    [Fact]
    public void TextDocument_AgreesWithStringApply_OnMegabyteDocumentsWithLargeInserts()
    {
        PropertyCheck.Run(nameof(TextDocument_AgreesWithStringApply_OnMegabyteDocumentsWithLargeInserts), 2, c =>
        {
            string text = Megabyte(c.Generate);
            var document = new TextDocument(text);
            for (int step = 0; step < 150; step++)
            {
                int kind = c.Generate.Random.Next(20);
                TextOperation op;
                if (kind == 0)
                {
                    // A large insert that outgrows the gap and forces the buffer to grow.
                    int position = c.Generate.Boundary(text);
                    op = TextOperation.Splice(text.Length, position, 0, c.Generate.TextOf(100_000 + c.Generate.Random.Next(300_000)));
                }
                else if (kind == 1)
                {
                    op = c.Generate.Splice(text, 200_000, 0);
                }
                else if (kind < 5)
                {
                    op = c.Generate.Scattered(text, places: 1 + c.Generate.Random.Next(20), maxDelete: 2_000, maxInsert: 1_000);
                }
                else
                {
                    op = c.Generate.Splice(text, 50, 30);
                }

                document.Apply(op);
                text = op.Apply(text);
                Assert.Equal(text.Length, document.Length);
                AssertSameSamples(c.Generate.Random, text, document, $"step {step}");
                if (step % 50 == 0)
                {
                    Assert.Equal(text, document.ToString());
                }
            }

            Assert.True(text.Length > 1_000_000, $"the document shrank to {text.Length} characters");
            Assert.Equal(text, document.ToString());
        });
    }

    private static string Megabyte(OperationGenerator generate)
    {
        var builder = new StringBuilder(1_100_000);
        while (builder.Length < 1_048_576)
        {
            builder.Append(generate.Character());
        }

        return builder.ToString();
    }

    private static void AssertSameSamples(Random random, string text, TextDocument document, string where)
    {
        for (int i = 0; i < 4 && text.Length > 0; i++)
        {
            int index = random.Next(text.Length);
            int count = random.Next(Math.Min(64, text.Length - index) + 1);
            if (text[index] != document[index] || !string.Equals(text.Substring(index, count), document.Substring(index, count), StringComparison.Ordinal))
            {
                Assert.Fail($"{where}: the document differs from the string near index {index}.");
            }
        }
    }
}
