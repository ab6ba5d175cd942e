using CollabDocs.Ot;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>Seeded random edits of a text: one or two splices, small inserts, biased to keep the text short.</summary>
public static class RandomEdits
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz  \n";

    /// <summary>
    /// The seed of a randomised test: <c>COLLABDOCS_TEST_SEED</c> when set (to replay a failure),
    /// otherwise <paramref name="fallback"/>. Tests print the seed they used.
    /// </summary>
    public static int Seed(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("COLLABDOCS_TEST_SEED"), out int seed) ? seed : fallback;

    /// <summary>A random operation on <paramref name="text"/>.</summary>
    public static TextOperation Next(Random random, string text)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(text);
        var operation = Splice(random, text);
        if (random.Next(4) == 0)
        {
            operation = operation.Compose(Splice(random, operation.Apply(text)));
        }

        return operation;
    }

    private static TextOperation Splice(Random random, string text)
    {
        int position = random.Next(text.Length + 1);
        int maxDelete = Math.Min(text.Length - position, text.Length > 120 ? 12 : 4);
        int delete = random.Next(maxDelete + 1);
        int insertLength = random.Next(text.Length > 120 ? 3 : 6);
        var insert = new char[insertLength];
        for (int i = 0; i < insert.Length; i++)
        {
            insert[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return TextOperation.Splice(text.Length, position, delete, new string(insert));
    }
}
