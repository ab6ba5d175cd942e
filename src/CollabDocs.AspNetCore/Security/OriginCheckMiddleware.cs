using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Security;

/// <summary>
/// Refuses (403) a browser request to the API or the hub whose <c>Origin</c> is neither the server's own nor
/// allowed by configuration. CORS alone does not protect WebSockets, which browsers open cross-origin without
/// asking; this check does. Requests without <c>Origin</c> (non-browser clients) pass: they need a token anyway.
/// </summary>
internal sealed partial class OriginCheckMiddleware(RequestDelegate next, OriginPolicy policy, ILogger<OriginCheckMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Headers.TryGetValue("Origin", out var origins)
            || !(request.Path.StartsWithSegments(JwtBearerSetup.HubPath, StringComparison.OrdinalIgnoreCase) || request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        if (origins.Count == 1 && origins[0] is string origin && policy.IsAllowed(origin, request))
        {
            return next(context);
        }

        LogRefused(logger, origins.ToString(), request.Path);
        return Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: ErrorCodes.Forbidden,
            detail: "This origin may not use the server (see CollabDocs:Cors:AllowedOrigins).",
            extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Forbidden }).ExecuteAsync(context);
    }

    [LoggerMessage(1, LogLevel.Information, "Refused a request to {Path} from origin {Origin}.", EventName = "OriginRefused")]
    private static partial void LogRefused(ILogger logger, string origin, PathString path);
}
