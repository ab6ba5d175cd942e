using CollabDocs.Server.Access;
using CollabDocs.Server.Api;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the document directory (titles, "mine / shared with me"), share-link redemption and the hub's timeouts.</summary>
internal static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddCollabDocsApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<DocumentDirectory>();
        services.TryAddSingleton<ShareLinkRedeemer>();
        services.TryAddSingleton<UserConnections>();
        services.TryAddSingleton<DocumentCreationBudget>();
        services.AddOptions<HubTimeoutOptions>().Bind(configuration.GetSection(HubTimeoutOptions.SectionName))
            .Validate(o => o.IsValid(), $"{HubTimeoutOptions.SectionName}: KeepAliveInterval, HandshakeTimeout and DrainTimeout must be positive and ClientTimeoutInterval at least twice KeepAliveInterval.")
            .ValidateOnStart();
        services.AddSingleton<IConfigureOptions<HubOptions>>(provider => new ConfigureOptions<HubOptions>(hub =>
        {
            var timeouts = provider.GetRequiredService<IOptions<HubTimeoutOptions>>().Value;
            hub.KeepAliveInterval = timeouts.KeepAliveInterval;
            hub.ClientTimeoutInterval = timeouts.ClientTimeoutInterval;
            hub.HandshakeTimeout = timeouts.HandshakeTimeout;
        }));
        return services;
    }
}
