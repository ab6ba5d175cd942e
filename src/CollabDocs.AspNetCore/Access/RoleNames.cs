using CollabDocs.Server.Documents;
using CollabDocs.Storage;

namespace CollabDocs.Server.Access;

/// <summary>The wire names of <see cref="DocumentRole"/>: <c>none</c>, <c>viewer</c>, <c>editor</c>, <c>owner</c>.</summary>
internal static class RoleNames
{
    public static string Of(DocumentRole role) => role switch
    {
        DocumentRole.Viewer => "viewer",
        DocumentRole.Editor => "editor",
        DocumentRole.Owner => "owner",
        _ => "none",
    };

    /// <summary>A role that can be granted; <c>invalid_argument</c> otherwise.</summary>
    public static DocumentRole Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "viewer" => DocumentRole.Viewer,
        "editor" => DocumentRole.Editor,
        "owner" => DocumentRole.Owner,
        _ => throw CollabException.Invalid("The body must be {\"role\": \"viewer\" | \"editor\" | \"owner\"}."),
    };
}
