namespace CollabDocs.Ot;

/// <summary>
/// A cheap fingerprint of a text, to detect a client that silently diverged: FNV-1a, 32 bits, over the
/// text's UTF-16LE bytes (each code unit low byte first). On the wire it is the unsigned value as a JSON
/// number (0 to 4,294,967,295). Not a cryptographic hash: it catches accidents, not adversaries.
/// </summary>
/// <remarks>
/// Any FNV-1a implementation fed the UTF-16LE encoding gives the same value; the TypeScript twin does
/// <c>h ^= c &amp; 0xff; h = Math.imul(h, 16777619) &gt;&gt;&gt; 0; h ^= c &gt;&gt;&gt; 8; h = Math.imul(h, 16777619) &gt;&gt;&gt; 0</c>
/// per <c>charCodeAt</c>. The shared test vectors are in <c>tests/checksum-vectors.json</c>.
/// </remarks>
public static class TextChecksum
{
    /// <summary>The checksum of the empty text (FNV-1a's 32-bit offset basis).</summary>
    public const uint Empty = 2166136261;

    private const uint Prime = 16777619;

    /// <summary>The checksum of <paramref name="text"/>.</summary>
    public static uint Compute(ReadOnlySpan<char> text) => Append(Empty, text);

    /// <summary>
    /// Continues <paramref name="checksum"/> (of some text) with <paramref name="more"/>: the checksum of
    /// their concatenation, so a text held in pieces needs no copy.
    /// </summary>
    public static uint Append(uint checksum, ReadOnlySpan<char> more)
    {
        uint hash = checksum;
        foreach (char c in more)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (uint)(c >> 8)) * Prime;
        }

        return hash;
    }
}
