using System.Text.RegularExpressions;

namespace CollabDocs.Testing;

/// <summary>The protocol's error code in a hub error message, read as docs/protocol.md tells clients to.</summary>
public static partial class HubErrorCode
{
    /// <summary>The code of "… HubException: code: explanation", or null when the message has none.</summary>
    public static string? Of(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = Pattern().Match(message);
        return match.Success ? match.Groups[1].Value : null;
    }

    // docs/protocol.md: "match it with /HubException: ([a-z_]+):/".
    [GeneratedRegex("HubException: ([a-z_]+):")]
    private static partial Regex Pattern();
}
