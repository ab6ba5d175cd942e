using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CollabDocs.Server.Security;

/// <summary>Declares the bearer token in the OpenAPI document and requires it for the whole API.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.AddComponent<IOpenApiSecurityScheme>(SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT from POST /api/dev/token (development), a share link, or your identity provider. " +
                "The hub also accepts it as the access_token query parameter. Not needed in anonymous mode. See docs/security.md.",
        });
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
