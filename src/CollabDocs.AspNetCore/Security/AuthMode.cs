namespace CollabDocs.Server.Security;

/// <summary>How callers are identified (<c>CollabDocs:Auth:Mode</c>).</summary>
public enum AuthMode
{
    /// <summary>A signed JWT bearer token is required for the HTTP API and the hub; roles are per document (default).</summary>
    Jwt,

    /// <summary>
    /// Demo mode, only when configured explicitly: no token; every connection is its own guest and may do
    /// everything with every document.
    /// </summary>
    Anonymous,
}
