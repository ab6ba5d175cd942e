using CollabDocs.Ot;

namespace CollabDocs.Client.Tests.Infrastructure;

/// <summary>Seeded random edits that insert astral characters (surrogate pairs) and never split one.</summary>
public static class AstralEdits
{
    private static readonly string[] Pieces = ["a", "b", "z", " ", "\n", "é", "😀", "𝄞", "🦀", "中"];

    /// <summary>
    /// The seed of a randomised test: <c>COLLABDOCS_TEST_SEED</c> when set (to replay a failure),
    /// otherwise <paramref name="fallback"/>.
    /// </summary>
    public static int Seed(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("COLLABDOCS_TEST_SEED"), out int seed) ? seed : fallback;

    /// <summary>One splice at code-point boundaries: delete up to a few characters, insert up to three pieces.</summary>
    public static TextOperation Next(Random random, string text)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(text);
        int position = Boundary(text, random.Next(text.Length + 1));
        int maxDelete = Math.Min(text.Length - position, text.Length > 200 ? 12 : 4);
        int end = Boundary(text, position + random.Next(maxDelete + 1));
        string insert = string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => Pieces[random.Next(Pieces.Length)]));
        return TextOperation.Splice(text.Length, position, end - position, insert);
    }

    private static int Boundary(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;
}
