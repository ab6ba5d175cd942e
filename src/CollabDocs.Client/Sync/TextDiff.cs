using CollabDocs.Ot;

namespace CollabDocs.Client.Sync;

/// <summary>A single splice between two texts (common prefix and suffix kept), never splitting a surrogate pair.</summary>
internal static class TextDiff
{
    public static TextOperation Between(string before, string after)
    {
        int max = Math.Min(before.Length, after.Length);
        int prefix = before.AsSpan().CommonPrefixLength(after);
        if (prefix > 0 && char.IsHighSurrogate(before[prefix - 1]))
        {
            prefix--;
        }

        int suffix = 0;
        while (suffix < max - prefix && before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix])
        {
            suffix++;
        }

        if (suffix > 0 && char.IsLowSurrogate(before[before.Length - suffix]))
        {
            suffix--;
        }

        return TextOperation.Splice(before.Length, prefix, before.Length - prefix - suffix, after[prefix..(after.Length - suffix)]);
    }
}
