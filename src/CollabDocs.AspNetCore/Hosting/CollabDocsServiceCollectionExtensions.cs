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
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations()
            .Validate(
                o => o.Provider != StorageProvider.PostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                $"{StorageOptions.SectionName}:ConnectionString is required when the provider is {StorageProvider.PostgreSql}.")
            .ValidateOnStart();

        // The provider decides which services exist, so it alone is read now; the rest binds when first used.
        // A value that is not a provider registers SQLite's services; the start then fails in the binder or the
        // validation, naming the key.
        if (!Enum.TryParse(configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"], ignoreCase: true, out StorageProvider provider) || !Enum.IsDefined(provider))
        {
            provider = StorageProvider.Sqlite;
        }

        services.AddCollabDocsStorage(provider, environment.ContentRootPath);
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
        services.AddCollabDocsCluster(configuration);
        services.AddCollabDocsIntegrations(configuration);
        return services;
    }
}
