using CollabDocs.Server.Access;
using CollabDocs.Server.Security;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Wires CollabDocs' access control into the request pipeline and maps its endpoints.</summary>
internal static class SecurityApplicationBuilderExtensions
{
    /// <summary>
    /// CORS, the origin check, authentication, authorization and the HTTP rate limits, in that order (the limits count
    /// per authenticated caller, so they come after authentication).
    /// </summary>
    public static WebApplication UseCollabDocsSecurity(this WebApplication app)
    {
        app.UseCors(SecurityServiceCollectionExtensions.CorsPolicyName);
        app.UseMiddleware<OriginCheckMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The members and share-link API, and the development token endpoint when enabled.</summary>
    public static IEndpointRouteBuilder MapCollabDocsSecurityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMemberEndpoints();
        var auth = endpoints.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.Mode == AuthMode.Jwt && auth.DevelopmentTokens && !auth.HostAuthenticates)
        {
            endpoints.MapDevelopmentTokenEndpoint();
        }

        if (auth.Mode == AuthMode.Jwt && !auth.HostAuthenticates)
        {
            endpoints.MapSignOutEverywhereEndpoint();
        }

        return endpoints;
    }

    /// <summary>Hub connection options: a connection closes when its token expires (the client reconnects with a fresh one).</summary>
    public static void ConfigureHubConnections(HttpConnectionDispatcherOptions options) =>
        options.CloseOnAuthenticationExpiration = true;
}
