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
    /// <summary>Documents, document actors, hub and storage, configured from the <c>CollabDocs</c> section.</summary>
    public static IServiceCollection AddCollabDocs(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddCollabDocsStorage(storage, environment.ContentRootPath);
        services.AddHostedService<StoreMigrationService>();

        services.AddCollabDocsSecurity(configuration);
        services.TryAddSingleton<IDocumentBroadcaster, HubBroadcaster>();
        services.TryAddSingleton<DocumentActorManager>();
        services.TryAddSingleton<DocumentService>();
        services.TryAddSingleton<DocumentCatalog>();
        services.AddCollabDocsApi(configuration);
        services.AddHostedService<DocumentSweeper>();

        services.AddSignalR(options => options.AddFilter<ErrorFilter>())
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter()));
        services.AddOptions<HubOptions>().Configure<IOptions<LimitsOptions>>((hub, limits) => hub.MaximumReceiveMessageSize = limits.Value.MaxMessageBytes);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new TextOperationJsonConverter()));
        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddCollabDocsObservability();
        services.AddCollabDocsScaleout(configuration);
        services.AddCollabDocsIntegrations(configuration);
        return services;
    }
}
