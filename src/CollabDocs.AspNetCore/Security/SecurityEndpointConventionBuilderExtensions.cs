using CollabDocs.Server.Security;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts CollabDocs endpoints behind the configured authentication.</summary>
internal static class SecurityEndpointConventionBuilderExtensions
{
    /// <summary>
    /// JWT mode: the endpoint needs a valid token (401 otherwise, at negotiate for the hub). Anonymous mode: no
    /// requirement. Roles are still checked per document by the endpoint itself.
    /// </summary>
    public static TBuilder RequireCollabDocsCaller<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(CallerRequirement.PolicyName);
}
