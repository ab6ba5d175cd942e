using Microsoft.AspNetCore.Authorization;

namespace CollabDocs.Server.Security;

/// <summary>
/// The requirement of every CollabDocs endpoint and the hub: in JWT mode a validated token with a <c>sub</c>;
/// in anonymous mode nothing. Per-document roles are checked further in, by DocumentService.
/// </summary>
internal sealed class CallerRequirement : IAuthorizationRequirement
{
    /// <summary>The policy name (see <see cref="SecurityEndpointConventionBuilderExtensions.RequireCollabDocsCaller{TBuilder}"/>).</summary>
    public const string PolicyName = "CollabDocs.Caller";
}
