using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CollabDocs.Server.OpenApi;

/// <summary>
/// The web JSON defaults also read numbers written as strings, so the generated schema of every number is
/// "integer or string matching a pattern". The API sends numbers, and a generated client should too: the
/// document declares plain numbers (the server still accepts both).
/// </summary>
internal sealed class NumberSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }
}
