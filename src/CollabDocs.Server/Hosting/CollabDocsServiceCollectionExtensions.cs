using CollabDocs.Ot.Json;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Hosting;
using CollabDocs.Server.Hubs;
using CollabDocs.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the CollabDocs server.</summary>
internal static class CollabDocsServiceCollectionExtensions
{
    /// <summary>Documents, sessions, hub and storage, configured from the <c>CollabDocs</c> section.</summary>
    public static IServiceCollection AddCollabDocs(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.SectionName));
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName));

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddCollabDocsStorage(storage, environment.ContentRootPath);
        services.AddHostedService<StoreMigrationService>();

        services.AddCollabDocsSecurity(configuration);
        services.TryAddSingleton<IDocumentBroadcaster, HubBroadcaster>();
        services.TryAddSingleton<DocumentSessionManager>();
        services.TryAddSingleton<DocumentService>();
        services.TryAddSingleton<DocumentCatalog>();
        services.AddHostedService<SessionSweeper>();

        var limits = configuration.GetSection(LimitsOptions.SectionName).Get<LimitsOptions>() ?? new LimitsOptions();
        services.AddSignalR(options =>
            {
                options.MaximumReceiveMessageSize = limits.MaxMessageBytes;
                options.AddFilter<ErrorFilter>();
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter()));
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new TextOperationJsonConverter()));
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddCollabDocsObservability();
        services.AddCollabDocsScaleout(configuration);
        services.AddCollabDocsIntegrations(configuration);
        return services;
    }
}
