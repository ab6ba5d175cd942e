using CollabDocs.Server.Authorship;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Edits;
using CollabDocs.Server.Feeds;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers edits over HTTP, the change feed, commit listeners and authorship.</summary>
internal static class IntegrationServiceCollectionExtensions
{
    /// <summary>
    /// Call after every other registration of <see cref="IDocumentBroadcaster"/> (the scale-out wraps it
    /// too): the commit seam wraps whichever broadcaster is registered last.
    /// </summary>
    public static IServiceCollection AddCollabDocsIntegrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthorshipOptions>().Bind(configuration.GetSection(AuthorshipOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<CommitNotifier>();
        services.TryAddSingleton<ChangeFeed>();
        services.TryAddSingleton<TextReplacer>();
        services.TryAddSingleton<AuthorshipIndex>();
        services.TryAddSingleton<AuthorshipQuery>();
        services.AddSingleton<IDocumentCommitListener>(sp => sp.GetRequiredService<AuthorshipIndex>());
        services.AddHostedService<CommitListenerDispatcher>();

        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IDocumentBroadcaster))
            ?? throw new InvalidOperationException("Register the document services before the integrations.");
        services.Remove(inner);
        services.AddSingleton<IDocumentBroadcaster>(sp => new NotifyingBroadcaster(Resolve(sp, inner), sp.GetRequiredService<CommitNotifier>()));
        return services;
    }

    private static IDocumentBroadcaster Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IDocumentBroadcaster)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
