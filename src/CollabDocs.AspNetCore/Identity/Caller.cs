using System.Security.Claims;
using CollabDocs.Storage;

namespace CollabDocs.Server.Identity;

/// <summary>
/// Who is calling, as the server knows it (from <c>HttpContext.User</c> as the authentication set it, or a
/// per-connection anonymous identity in anonymous mode) — never what a message claims. The user id is the
/// <c>sub</c> claim (else <see cref="ClaimTypes.NameIdentifier"/>), the name the <c>name</c> claim (else
/// <see cref="ClaimTypes.Name"/>, else the user id).
/// </summary>
/// <param name="UserId">The stable user id: roles, authorship and submissions are recorded under it.</param>
/// <param name="Name">The display name others see in presence.</param>
/// <param name="Principal">The authenticated principal (an empty one for an anonymous caller).</param>
public sealed record Caller(string UserId, string Name, ClaimsPrincipal Principal)
{
    /// <summary>The display name claim.</summary>
    public const string NameClaim = "name";

    /// <summary>The user id claim.</summary>
    public const string SubjectClaim = "sub";

    /// <summary>On a share-link token: the one document the token is bound to.</summary>
    internal const string DocumentClaim = "collabdocs_doc";

    /// <summary>On a share-link token: the role it grants on <see cref="DocumentClaim"/> (<c>viewer</c> or <c>editor</c>).</summary>
    internal const string RoleClaim = "collabdocs_role";

    /// <summary>A stable colour for the user, from a fixed palette.</summary>
    internal string Color => Palette[(int)((uint)StableHash(UserId) % (uint)Palette.Length)];

    /// <summary>True when the authentication identified the caller (false for an anonymous caller).</summary>
    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    /// <summary>The document a share-link token is bound to; null for an ordinary user token.</summary>
    internal string? SharedDocumentId => IsAuthenticated ? Principal.FindFirstValue(DocumentClaim) : null;

    /// <summary>
    /// The most a share-link token grants on <see cref="SharedDocumentId"/>: <see cref="DocumentRole.Viewer"/> or
    /// <see cref="DocumentRole.Editor"/> (any other claim value grants nothing).
    /// </summary>
    internal DocumentRole SharedRole => SharedRoleOf(Principal.FindFirstValue(RoleClaim));

    /// <summary>The role a share-link role claim grants: <c>viewer</c> or <c>editor</c>, nothing for any other value.</summary>
    internal static DocumentRole SharedRoleOf(string? claim) => claim switch
    {
        "viewer" => DocumentRole.Viewer,
        "editor" => DocumentRole.Editor,
        _ => DocumentRole.None,
    };

    private static readonly string[] Palette =
    [
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#e377c2", "#8c564b", "#bcbd22", "#7f7f7f",
    ];

    /// <summary>The caller behind <paramref name="principal"/>; <paramref name="anonymousId"/> names an unauthenticated one.</summary>
    internal static Caller From(ClaimsPrincipal? principal, string anonymousId)
    {
        principal ??= new ClaimsPrincipal(new ClaimsIdentity());
        string? userId = principal.FindFirstValue(SubjectClaim) ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.Identity?.IsAuthenticated == true && !string.IsNullOrEmpty(userId))
        {
            string name = principal.FindFirstValue(NameClaim) ?? principal.FindFirstValue(ClaimTypes.Name) ?? userId;
            return new Caller(userId, name, principal);
        }

        string id = "anonymous:" + anonymousId;
        return new Caller(id, "Guest " + anonymousId[..Math.Min(4, anonymousId.Length)], new ClaimsPrincipal(new ClaimsIdentity()));
    }

    private static int StableHash(string value)
    {
        unchecked
        {
            int hash = (int)2166136261;
            foreach (char c in value)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
