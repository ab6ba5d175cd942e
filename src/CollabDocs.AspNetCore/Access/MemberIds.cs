using CollabDocs.Ot;
using CollabDocs.Server.Documents;

namespace CollabDocs.Server.Access;

/// <summary>Validation of user ids named in the members API.</summary>
internal static class MemberIds
{
    public const int MaxLength = 256;

    /// <summary>Throws <c>invalid_argument</c> unless <paramref name="userId"/> is 1–256 printable characters without spaces.</summary>
    public static string Check(string? userId)
    {
        if (string.IsNullOrEmpty(userId) || userId.Length > MaxLength || Utf16.IndexOfLoneSurrogate(userId) >= 0)
        {
            throw CollabException.Invalid($"A user id must be 1 to {MaxLength} characters.");
        }

        foreach (char c in userId)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                throw CollabException.Invalid("A user id must not contain spaces or control characters.");
            }
        }

        return userId;
    }
}
