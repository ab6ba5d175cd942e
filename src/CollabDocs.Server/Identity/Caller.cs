using System.Security.Claims;

namespace CollabDocs.Server.Identity;

/// <summary>
/// Who is calling, as the server knows it (from the authenticated token, or a per-connection
/// anonymous identity in anonymous mode) — never what a message claims.
/// </summary>
internal sealed record Caller(string UserId, string Name, ClaimsPrincipal Principal)
{
    public const string NameClaim = "name";
    public const string SubjectClaim = "sub";

    /// <summary>A stable colour for the user, from a fixed palette.</summary>
    public string Color => Palette[(int)((uint)StableHash(UserId) % (uint)Palette.Length)];

    private static readonly string[] Palette =
    [
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#e377c2", "#8c564b", "#bcbd22", "#7f7f7f",
    ];

    /// <summary>The caller behind <paramref name="principal"/>; <paramref name="anonymousId"/> names an unauthenticated one.</summary>
    public static Caller From(ClaimsPrincipal? principal, string anonymousId)
    {
        principal ??= new ClaimsPrincipal(new ClaimsIdentity());
        string? userId = principal.FindFirstValue(SubjectClaim) ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.Identity?.IsAuthenticated == true && !string.IsNullOrEmpty(userId))
        {
            string name = principal.FindFirstValue(NameClaim) ?? principal.FindFirstValue(ClaimTypes.Name) ?? userId;
            return new Caller(userId, name, principal);
        }

        string id = "anonymous:" + anonymousId;
        return new Caller(id, "Guest " + anonymousId[..Math.Min(4, anonymousId.Length)], principal);
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
