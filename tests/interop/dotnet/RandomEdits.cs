using CollabDocs.Ot;

namespace CollabDocs.Interop;

/// <summary>
/// Seeded random splices with astral characters that never split a surrogate pair (the pieces of
/// tests/CollabDocs.Client.Tests/Infrastructure/AstralEdits.cs and tests/interop/lib/random-edits.mjs).
/// </summary>
internal static class RandomEdits
{
    private static readonly string[] Pieces = ["a", "b", "z", " ", "\n", "é", "😀", "𝄞", "🦀", "中"];

    public static TextOperation Next(Random random, string text)
    {
        int position = Boundary(text, random.Next(text.Length + 1));
        int maxDelete = Math.Min(text.Length - position, text.Length > 200 ? 12 : 4);
        int end = Boundary(text, position + random.Next(maxDelete + 1));
        string insert = string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => Pieces[random.Next(Pieces.Length)]));
        return TextOperation.Splice(text.Length, position, end - position, insert);
    }

    private static int Boundary(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;
}
