using System.Text;

namespace CollabDocs.Ot.Tests.Properties;

/// <summary>
/// Seeded random texts, operations and selections. About a third of generated characters are outside
/// the BMP (surrogate pairs), and every generated position is snapped to a pair boundary, so the
/// operations are always valid for the text they were made for.
/// </summary>
internal sealed class OperationGenerator(Random random)
{
    /// <summary>Share of generated characters that are surrogate pairs.</summary>
    public const double AstralShare = 0.35;

    private static readonly string[] BmpCharacters = ["a", "b", "c", "x", "y", "z", " ", "\n", "é", "中", "—", "\"", "\\"];

    private static readonly string[] AstralCharacters = ["😀", "🎉", "𝄞", "𐐷", "🌍", "👍"];

    public Random Random { get; } = random;

    /// <summary>One character: a BMP character or a surrogate pair.</summary>
    public string Character() =>
        Random.NextDouble() < AstralShare
            ? AstralCharacters[Random.Next(AstralCharacters.Length)]
            : BmpCharacters[Random.Next(BmpCharacters.Length)];

    /// <summary>A text of 0 to <paramref name="maxCharacters"/> characters (code points).</summary>
    public string Text(int maxCharacters) => TextOf(Random.Next(maxCharacters + 1));

    /// <summary>A text of 1 to <paramref name="maxCharacters"/> characters (code points).</summary>
    public string NonEmptyText(int maxCharacters) => TextOf(1 + Random.Next(maxCharacters));

    /// <summary>A text of exactly <paramref name="characters"/> code points.</summary>
    public string TextOf(int characters)
    {
        var builder = new StringBuilder(characters * 2);
        for (int i = 0; i < characters; i++)
        {
            builder.Append(Character());
        }

        return builder.ToString();
    }

    /// <summary>A position in 0..text.Length that does not split a surrogate pair.</summary>
    public int Boundary(string text)
    {
        int position = Random.Next(text.Length + 1);
        return Utf16.SplitsPair(text, position) ? position - 1 : position;
    }

    /// <summary>
    /// A random operation on <paramref name="text"/> in the manner of ot.js's test helper: walk the
    /// text in chunks of up to <paramref name="maxChunk"/> code units, retaining or deleting each
    /// (sometimes inserting before it); sometimes insert at the end.
    /// </summary>
    public TextOperation Operation(string text, int maxChunk = 6, int maxInsert = 4, double insertShare = 0.2, double deleteShare = 0.25)
    {
        var builder = new TextOperationBuilder();
        int position = 0;
        while (position < text.Length)
        {
            double roll = Random.NextDouble();
            if (roll < insertShare)
            {
                builder.Insert(NonEmptyText(maxInsert));
                continue;
            }

            int end = Advance(text, position, 1 + Random.Next(Math.Min(text.Length - position, maxChunk)));
            if (roll < insertShare + deleteShare)
            {
                builder.Delete(end - position);
            }
            else
            {
                builder.Retain(end - position);
            }

            position = end;
        }

        if (insertShare > 0 && Random.NextDouble() < 0.3)
        {
            builder.Insert(NonEmptyText(maxInsert));
        }

        return builder.Build();
    }

    /// <summary>
    /// Edits at <paramref name="places"/> random places of a long text: at each, delete up to
    /// <paramref name="maxDelete"/> code units and insert up to <paramref name="maxInsert"/> characters.
    /// </summary>
    public TextOperation Scattered(string text, int places, int maxDelete, int maxInsert)
    {
        var positions = new int[places];
        for (int i = 0; i < places; i++)
        {
            positions[i] = Boundary(text);
        }

        Array.Sort(positions);
        var builder = new TextOperationBuilder(places * 3 + 1);
        int position = 0;
        foreach (int place in positions)
        {
            if (place < position)
            {
                continue;
            }

            builder.Retain(place - position).Insert(Text(maxInsert));
            int end = Math.Min(text.Length, Advance(text, place, Random.Next(maxDelete + 1)));
            builder.Delete(end - place);
            position = end;
        }

        return builder.Retain(text.Length - position).Build();
    }

    /// <summary>One edit at one place: delete up to <paramref name="maxDelete"/> code units and insert up to <paramref name="maxInsert"/> characters.</summary>
    public TextOperation Splice(string text, int maxDelete, int maxInsert)
    {
        int position = Boundary(text);
        int end = Math.Min(text.Length, Advance(text, position, Random.Next(maxDelete + 1)));
        return TextOperation.Splice(text.Length, position, end - position, Text(maxInsert));
    }

    /// <summary>A sequence of operations, each made on the result of the previous one.</summary>
    public List<TextOperation> Sequence(string text, int count, double deleteShare = 0.25)
    {
        var operations = new List<TextOperation>(count);
        for (int i = 0; i < count; i++)
        {
            var operation = Operation(text, deleteShare: deleteShare);
            operations.Add(operation);
            text = operation.Apply(text);
        }

        return operations;
    }

    /// <summary>A selection of one to three ranges whose ends are pair boundaries of <paramref name="text"/>.</summary>
    public Selection Selection(string text)
    {
        var ranges = new SelectionRange[1 + Random.Next(3)];
        for (int i = 0; i < ranges.Length; i++)
        {
            int anchor = Boundary(text);
            ranges[i] = Random.Next(3) == 0 ? SelectionRange.Cursor(anchor) : new SelectionRange(anchor, Boundary(text));
        }

        return new Selection(ranges);
    }

    private static int Advance(string text, int position, int count)
    {
        int end = position + count;
        return Utf16.SplitsPair(text, end) ? end + 1 : end;
    }
}
