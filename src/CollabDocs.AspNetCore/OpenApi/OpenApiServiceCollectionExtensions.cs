using CollabDocs.Server.OpenApi;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OpenAPI document of the HTTP API (<c>/openapi/v1.json</c>).</summary>
internal static class OpenApiServiceCollectionExtensions
{
    /// <summary>
    /// The document <c>v1</c>: operation ids, the problem details of every error, roles as an enum, numbers as numbers,
    /// <c>Retry-After</c> on the 429 of rate-limited endpoints.
    /// </summary>
    public static IServiceCollection AddCollabDocsOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options => options
            .AddSchemaTransformer<RoleSchemaTransformer>()
            .AddSchemaTransformer<NumberSchemaTransformer>()
            .AddOperationTransformer<RetryAfterOperationTransformer>());
        return services;
    }
}
