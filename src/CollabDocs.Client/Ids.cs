namespace CollabDocs.Client;

/// <summary>The id rule of documents and clients: 1–64 characters of <c>[A-Za-z0-9_-]</c>.</summary>
internal static class Ids
{
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-')
            {
                return false;
            }
        }

        return true;
    }
}
