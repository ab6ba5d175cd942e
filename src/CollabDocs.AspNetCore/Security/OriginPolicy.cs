using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Security;

/// <summary>
/// Which browser origins may use the API and the hub: the server's own origin (same host and port as the
/// request's <c>Host</c>; the scheme is not compared, since TLS often ends at a proxy) and the configured
/// <see cref="CrossOriginOptions.AllowedOrigins"/>.
/// </summary>
internal sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;

    public OriginPolicy(IOptions<CrossOriginOptions> options)
    {
        _allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (string origin in options.Value.AllowedOrigins)
        {
            _allowed.Add(Normalize(origin) ?? throw new InvalidOperationException(Describe(origin)));
        }
    }

    /// <summary>The configured origins, normalised (<c>scheme://host[:port]</c>, lower case).</summary>
    public IReadOnlyCollection<string> AllowedOrigins => _allowed;

    /// <summary>True for the server's own origin and the configured ones.</summary>
    public bool IsAllowed(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        if (string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && (request.Host.Port is int port ? port == uri.Port : uri.IsDefaultPort))
        {
            return true;
        }

        return Normalize(origin) is string normalized && _allowed.Contains(normalized);
    }

    /// <summary><c>scheme://host[:port]</c> in lower case, or null when <paramref name="origin"/> is not an http(s) origin.</summary>
    public static string? Normalize(string origin)
    {
        if (!Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    /// <summary>The start-up error for a bad configured origin.</summary>
    public static string Describe(string origin) =>
        $"{CrossOriginOptions.SectionName}:AllowedOrigins has '{origin}', which is not an origin: use scheme://host[:port] with http or https, no path and no wildcard.";
}
