using CollabDocs.Ot.Json;
using CollabDocs.Server.Access;
using CollabDocs.Server.Api;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Hosting;
using CollabDocs.Server.Hubs;
using CollabDocs.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the CollabDocs server in an ASP.NET Core app; map it with <c>app.MapCollabDocs()</c>.</summary>
public static class CollabDocsServiceCollectionExtensions
{
    /// <summary>
    /// Documents, document actors, hub, HTTP API, access control and storage, configured from the <c>CollabDocs</c>
    /// section of <paramref name="configuration"/> (a relative SQLite data directory is resolved against the host's
    /// content root) and from <paramref name="configure"/>. Hooks are registered in DI, before or after this call:
    /// <c>IDocumentAccess</c>, <c>IDocumentInitializer</c>, <c>ISubmitValidator</c>, <c>IDocumentCommitListener</c>.
    /// </summary>
    public static IServiceCollection AddCollabDocs(this IServiceCollection services, IConfiguration configuration, Action<CollabDocsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var collabDocs = new CollabDocsOptions();
        configure?.Invoke(collabDocs);
        services.TryAddSingleton(Options.Options.Create(collabDocs));

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.SectionName)).ValidateDataAnnotations()
            .Validate<IOptions<LimitsOptions>>(
                (documents, limits) => documents.MaxResidentBytes - documents.MaxHistoryBytes >= 4L * limits.Value.MaxDocumentLength,
                $"{DocumentOptions.SectionName}:{nameof(DocumentOptions.MaxResidentBytes)} must be at least 4 × {LimitsOptions.SectionName}:{nameof(LimitsOptions.MaxDocumentLength)} + {DocumentOptions.SectionName}:{nameof(DocumentOptions.MaxHistoryBytes)}, so the longest document fits.")
            .ValidateOnStart();
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

        services.AddCollabDocsStorage(provider, sp => sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
        services.AddHostedService<StoreMigrationService>();

        services.AddCollabDocsSecurity(configuration, collabDocs.UseBuiltInAuthentication);
        services.TryAddSingleton<IDocumentBroadcaster, HubBroadcaster>();
        services.TryAddSingleton<ResidentMemory>();
        services.TryAddSingleton<DocumentActorManager>();
        services.TryAddSingleton<StrangerRefusals>();
        services.TryAddSingleton<DocumentService>();
        services.TryAddSingleton<DocumentCatalog>();
        services.AddCollabDocsApi(configuration);
        services.AddHostedService<DocumentSweeper>();

        services.TryAddSingleton<HubDrain>();
        services.AddHostedService<GracefulHubStop>();
        services.AddSignalR(options =>
        {
            options.AddFilter<ErrorFilter>();
            options.AddFilter<HubDrain>();
        }).AddCollabDocsProtocols(configuration);
        services.AddOptions<HubOptions>().Configure<IOptions<LimitsOptions>>((hub, limits) => hub.MaximumReceiveMessageSize = limits.Value.MaxMessageBytes);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new TextOperationJsonConverter()));
        services.AddCollabDocsOpenApi();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemCodes.Customize);
        services.AddCollabDocsObservability();
        services.AddCollabDocsCluster(configuration);
        services.AddCollabDocsIntegrations(configuration);
        if (collabDocs.ConfigureKestrelLimits)
        {
            services.AddOptions<KestrelLimitsOptions>().Bind(configuration.GetSection(KestrelLimitsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
            services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelLimitsSetup>();
        }

        return services;
    }
}
