using CollabDocs.Server.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CollabDocs.Server.Security;

/// <summary>Decides <see cref="CallerRequirement"/> for the configured <see cref="AuthMode"/>.</summary>
internal sealed class CallerRequirementHandler(IOptions<AuthOptions> options) : AuthorizationHandler<CallerRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CallerRequirement requirement)
    {
        // A caller is a user id: sub (the built-in tokens), or the name identifier a host's scheme may set instead.
        if (options.Value.Mode == AuthMode.Anonymous
            || (context.User.Identity?.IsAuthenticated == true
                && !string.IsNullOrEmpty((context.User.FindFirst(Caller.SubjectClaim) ?? context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier))?.Value)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
