using CollabDocs.Server.Api;
using CollabDocs.Server.Hosting;
using CollabDocs.Server.Hubs;
using CollabDocs.Server.Observability;
using CollabDocs.Server.Security;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the CollabDocs server into an ASP.NET Core app registered with <c>AddCollabDocs</c>.</summary>
public static class CollabDocsEndpointExtensions
{
    /// <summary>
    /// CORS, the WebSocket origin check, authentication and authorization middleware, then the HTTP API
    /// (<c>/api/documents</c>, with the members and share-link API), the hub (<c>/hubs/docs</c>), the OpenAPI
    /// document (<c>/openapi/v1.json</c>) and the health and metrics endpoints (<c>/health/live</c>,
    /// <c>/health/ready</c>, <c>/metrics</c>). Call it after the host's own authentication middleware, if any.
    /// </summary>
    public static WebApplication MapCollabDocs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // A query or body that does not bind answers 400 with no body; under /api it becomes problem details with a code.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseCollabDocsSecurity();
        if (app.Services.GetRequiredService<IOptions<CollabDocsOptions>>().Value.MapOpenApiDocument)
        {
            app.MapOpenApi();
        }

        app.MapDocumentEndpoints().RequireCollabDocsCaller();
        app.MapIntegrationEndpoints().RequireCollabDocsCaller();
        app.MapCollabDocsSecurityEndpoints();
        app.MapDocumentHub().RequireCollabDocsCaller();
        app.MapCollabDocsOperations();
        return app;
    }
}
