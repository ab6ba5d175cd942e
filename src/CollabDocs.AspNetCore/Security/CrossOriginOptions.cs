namespace CollabDocs.Server.Security;

/// <summary>
/// Which other web origins may call the HTTP API and open the hub from a browser. Bound from
/// <c>CollabDocs:Cors</c>. The server's own origin is always allowed; requests without an
/// <c>Origin</c> header (non-browser clients) are not affected.
/// </summary>
public sealed class CrossOriginOptions
{
    public const string SectionName = "CollabDocs:Cors";

    /// <summary>Origins such as <c>https://app.example.com</c> (scheme, host and port; no path, no wildcard).</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
