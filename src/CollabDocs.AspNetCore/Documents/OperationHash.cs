using CollabDocs.Ot;

namespace CollabDocs.Server.Documents;

/// <summary>
/// A stable 64-bit fingerprint of a committed operation (FNV-1a over its ot.js JSON), stored with the
/// submission record so that a resend can be told apart from a reused seq without the log.
/// </summary>
internal static class OperationHash
{
    public static long Compute(TextOperation operation)
    {
        const ulong offset = 14695981039346656037;
        const ulong prime = 1099511628211;
        ulong hash = offset;
        foreach (var component in operation.Components)
        {
            // Kind marker, then length or text: distinct operations give distinct input sequences.
            hash = Mix(hash, component.IsRetain ? 'r' : component.IsInsert ? 'i' : 'd', prime);
            if (component.IsInsert)
            {
                foreach (char c in component.Text)
                {
                    hash = Mix(hash, c, prime);
                }
            }
            else
            {
                int length = component.Length;
                hash = Mix(hash, (char)(length & 0xFFFF), prime);
                hash = Mix(hash, (char)(length >> 16), prime);
            }
        }

        return unchecked((long)hash);
    }

    private static ulong Mix(ulong hash, char c, ulong prime)
    {
        hash ^= (byte)c;
        hash *= prime;
        hash ^= (byte)(c >> 8);
        return hash * prime;
    }
}
