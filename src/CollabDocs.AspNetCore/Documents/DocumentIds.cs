using System.Buffers;

namespace CollabDocs.Server.Documents;

/// <summary>Validation of ids that come from clients.</summary>
internal static class DocumentIds
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    /// <summary>Throws <c>invalid_argument</c> unless <paramref name="id"/> is 1–64 of <c>[A-Za-z0-9_-]</c>.</summary>
    public static string Check(string? id, string what = "document id")
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || id.AsSpan().ContainsAnyExcept(Allowed))
        {
            throw CollabException.Invalid($"The {what} must be 1 to {MaxLength} characters of A-Z, a-z, 0-9, '-' and '_'.");
        }

        return id;
    }

    /// <summary>A new random document id.</summary>
    public static string New() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
