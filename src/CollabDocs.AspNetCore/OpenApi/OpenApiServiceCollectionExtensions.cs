using CollabDocs.Server.OpenApi;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OpenAPI document of the HTTP API (<c>/openapi/v1.json</c>).</summary>
internal static class OpenApiServiceCollectionExtensions
{
    /// <summary>The document <c>v1</c>, with roles as an enum and the problem details every error answers with.</summary>
    public static IServiceCollection AddCollabDocsOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options => options.AddSchemaTransformer<RoleSchemaTransformer>());
        return services;
    }
}
