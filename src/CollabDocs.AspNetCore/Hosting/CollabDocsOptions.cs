namespace CollabDocs.Server.Hosting;

/// <summary>How <c>AddCollabDocs</c> fits CollabDocs into the host app (docs/embedding.md).</summary>
public sealed class CollabDocsOptions
{
    /// <summary>
    /// False (default): the host app authenticates (cookies, JWT, any scheme that sets <c>HttpContext.User</c>);
    /// CollabDocs takes the caller's user id from the <c>sub</c> or <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/>
    /// claim and answers 401 without one. True: CollabDocs authenticates on its own from <c>CollabDocs:Auth</c>
    /// (JWT bearer tokens, the development token endpoint, or explicit anonymous mode), as the standalone server does.
    /// </summary>
    public bool UseBuiltInAuthentication { get; set; }

    /// <summary>
    /// False (default): the host app's Kestrel settings stand. True: Kestrel's request and connection limits come from
    /// <c>CollabDocs:Kestrel</c> (<see cref="KestrelLimitsOptions"/>), as in the standalone server.
    /// </summary>
    public bool ConfigureKestrelLimits { get; set; }

    /// <summary>Whether <c>MapCollabDocs</c> serves the OpenAPI document at <c>/openapi/v1.json</c> (default true).</summary>
    public bool MapOpenApiDocument { get; set; } = true;
}
