using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace CollabDocs.Server.OpenApi;

/// <summary>
/// The endpoints under an HTTP rate limit (<c>RequireRateLimiting</c>) answer a refused request with 429 and a
/// <c>Retry-After</c> header besides the problem details' <c>retryAfterMs</c>: the document declares the header there.
/// </summary>
internal sealed class RetryAfterOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        bool limited = context.Description.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any();
        if (limited && operation.Responses?.TryGetValue("429", out var declared) == true && declared is OpenApiResponse response)
        {
            response.Description = "Too many requests from this caller (code rate_limited): retry after retryAfterMs or Retry-After.";
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before the same request can succeed.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            };
        }

        return Task.CompletedTask;
    }
}
