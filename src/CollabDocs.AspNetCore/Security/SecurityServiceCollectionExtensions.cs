using CollabDocs.Server.Access;
using CollabDocs.Server.Security;
using CollabDocs.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CollabDocs' access control and guardrails (docs/security.md).</summary>
internal static class SecurityServiceCollectionExtensions
{
    /// <summary>The CORS policy of the API and the hub.</summary>
    public const string CorsPolicyName = "CollabDocs";

    /// <summary>
    /// Built-in authentication: JWT bearer (or explicit anonymous mode) from <c>CollabDocs:Auth</c>; otherwise the
    /// host's own authentication. Per-document roles, share links, CORS and the WebSocket origin check from
    /// <c>CollabDocs:Cors</c>, hub and HTTP rate limits from <c>CollabDocs:RateLimits</c>. Everything is read when first
    /// used, and checked at start-up.
    /// </summary>
    public static IServiceCollection AddCollabDocsSecurity(this IServiceCollection services, IConfiguration configuration, bool builtInAuthentication = true)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        if (!builtInAuthentication)
        {
            // The host authenticates; roles stay per document as in JWT mode, and CollabDocs:Auth:Mode is not read.
            services.PostConfigure<AuthOptions>(auth => (auth.Mode, auth.HostAuthenticates) = (AuthMode.Jwt, true));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.AddOptions<CrossOriginOptions>().Bind(configuration.GetSection(CrossOriginOptions.SectionName))
            .Validate(o => o.AllowedOrigins.All(origin => OriginPolicy.Normalize(origin) is not null), $"{CrossOriginOptions.SectionName}:AllowedOrigins must hold origins like https://app.example.com (http or https, no path, no wildcard).")
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());

        // The HTTP API's limits per caller, on ASP.NET Core's rate limiting middleware (UseCollabDocsSecurity adds it).
        services.AddRateLimiter(_ => { });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RateLimiterOptions>, HttpRateLimits>());

        services.TryAddSingleton<SigningKeyProvider>();
        services.TryAddSingleton<TokenService>();
        services.TryAddSingleton<TokenRevocations>();
        services.TryAddSingleton<MembershipService>();
        services.TryAddSingleton<OriginPolicy>();
        services.TryAddSingleton<HubRateLimiter>();
        services.TryAddSingleton<DocumentBudgetGate>();
        services.TryAddScoped<CallRole>();
        services.TryAddSingleton<RateLimitFilter>();
        services.TryAddSingleton<IDocumentAccess>(provider =>
            provider.GetRequiredService<IOptions<AuthOptions>>().Value.Mode == AuthMode.Anonymous
                ? new AnonymousDocumentAccess()
                : new StoreDocumentAccess(provider.GetRequiredService<IDocumentStore>()));
        services.AddHostedService<MembershipRevalidator>();
        services.AddHostedService<RevocationWatcher>();

        // Authentication: JWT bearer is the default scheme in JWT mode only; anonymous mode authenticates nobody.
        // Share links are verified with the same validation under a name of their own, which is no scheme: a
        // host's own "Bearer" scheme is left alone.
        services.ConfigureOptions<JwtBearerSetup>();
        if (builtInAuthentication)
        {
            services.AddAuthentication().AddJwtBearer();
            services.AddOptions<AuthenticationOptions>().Configure<IOptions<AuthOptions>>((authentication, auth) =>
            {
                if (auth.Value.Mode == AuthMode.Jwt)
                {
                    authentication.DefaultScheme = JwtBearerDefaults.AuthenticationScheme;
                }
            });
        }
        else
        {
            services.AddAuthentication();
        }

        services.AddAuthorizationBuilder().AddPolicy(CallerRequirement.PolicyName, policy => policy.AddRequirements(new CallerRequirement()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, CallerRequirementHandler>());

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<OriginPolicy>((cors, origins) =>
            cors.AddPolicy(CorsPolicyName, policy => policy
                .WithOrigins([.. origins.AllowedOrigins])
                .AllowAnyHeader()
                .AllowAnyMethod()
                .AllowCredentials()
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));

        services.Configure<HubOptions>(options => options.AddFilter<RateLimitFilter>());

        // A body that does not bind (malformed JSON, lone surrogates, wrong types) is the client's error: 400, in
        // every environment (Development would otherwise throw, and the exception handler would answer 500).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        if (builtInAuthentication)
        {
            services.Configure<OpenApiOptions>("v1", options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        }

        // "Request starting/finished" (Information) carries the full URL, hub access_token included: never log it.
        // SignalR logs every refused hub call (a HubException: forbidden, rate_limited, …) at Error: a flooding
        // client would flood the logs. Unexpected failures are logged by Hubs/ErrorFilter instead.
        services.AddLogging(logging => logging
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical));
        return services;
    }
}
