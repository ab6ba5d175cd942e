using CollabDocs.Server.Hubs;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the document hub behind a per-connection <see cref="IdleTimeout"/> and <see cref="SendQueue"/> (what <c>MapHub</c> does, plus
/// those); while the server stops gracefully (<see cref="HubDrain"/>) its requests get 503.
/// </summary>
internal static class DocumentHubEndpoints
{
    public const string Pattern = CollabDocs.Server.Security.JwtBearerSetup.HubPath;

    public static ConnectionEndpointRouteBuilder MapDocumentHub(this IEndpointRouteBuilder endpoints)
    {
        var options = new HttpConnectionDispatcherOptions();
        SecurityApplicationBuilderExtensions.ConfigureHubConnections(options);
        var builder = endpoints.MapConnections(Pattern, options, connection => connection.UseIdleTimeout().UseReceiveBudget().UseSendQueue().UseHub<DocumentHub>());
        builder.Add(endpoint => endpoint.Metadata.Add(new HubMetadata(typeof(DocumentHub))));

        // During a graceful stop no new connection is taken (it would only be cut): the client's reconnect retries elsewhere or later.
        builder.Add(endpoint =>
        {
            var next = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                if (!context.RequestServices.GetRequiredService<HubDrain>().IsStopping)
                {
                    return next(context);
                }

                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            };
        });
        return builder;
    }
}
