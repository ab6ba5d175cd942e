namespace CollabDocs.Ot;

/// <summary>Surrogate-pair rules for UTF-16 positions.</summary>
public static class Utf16
{
    /// <summary>Index of the first surrogate without its partner, or -1.</summary>
    public static int IndexOfLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    /// <summary>True when <paramref name="position"/> falls between a high and a low surrogate.</summary>
    public static bool SplitsPair(ReadOnlySpan<char> text, int position) =>
        position > 0 && position < text.Length && char.IsHighSurrogate(text[position - 1]) && char.IsLowSurrogate(text[position]);

    /// <summary>True when cutting a string at <paramref name="offset"/> separates a surrogate pair.</summary>
    public static bool SplitsPair(string text, int offset) => SplitsPair(text.AsSpan(), offset);
}
