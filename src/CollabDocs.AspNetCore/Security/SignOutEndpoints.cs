using CollabDocs.Server.Api;
using CollabDocs.Server.Hubs;
using CollabDocs.Server.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Security;

/// <summary>
/// <c>POST /api/auth/signout-everywhere</c>: revokes every token of the caller issued until now (<see cref="TokenRevocations"/>)
/// and closes the caller's hub connections on this node at once; other nodes follow within
/// <see cref="AuthOptions.RevocationRecheckInterval"/> (<see cref="RevocationWatcher"/>). Built-in JWT mode only.
/// </summary>
internal static partial class SignOutEndpoints
{
    public const string Path = "/api/auth/signout-everywhere";

    public static RouteHandlerBuilder MapSignOutEverywhereEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, async Task<Ok<SignOutResponse>> (HttpContext http, TokenRevocations revocations, UserConnections connections, ILoggerFactory loggers) =>
            {
                var caller = Caller.From(http.User, http.TraceIdentifier);
                var revokedBefore = await revocations.RevokeAsync(caller.UserId, http.RequestAborted).ConfigureAwait(false);
                int closed = connections.CloseRevoked(caller.UserId, revokedBefore);
                LogSignedOut(loggers.CreateLogger(typeof(SignOutEndpoints).FullName!), caller.UserId, revokedBefore, closed);
                return TypedResults.Ok(new SignOutResponse(caller.UserId, revokedBefore, closed));
            })
            .AddEndpointFilter<ProblemFilter>()
            .RequireCollabDocsCaller()
            .WithTags("Authentication")
            .WithName("SignOutEverywhere")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Revokes every token of the caller issued until now; the caller's open hub connections are closed.");

    [LoggerMessage(1, LogLevel.Information, "{UserId} signed out everywhere: tokens issued before {RevokedBefore} are refused; {Closed} connections closed on this node.", EventName = "SignedOutEverywhere")]
    private static partial void LogSignedOut(ILogger logger, string userId, DateTimeOffset revokedBefore, int closed);
}

/// <summary>
/// Answer of <c>POST /api/auth/signout-everywhere</c>: tokens of <see cref="UserId"/> issued before
/// <see cref="RevokedBefore"/> are refused; <see cref="ClosedConnections"/> hub connections were closed on the node that answered.
/// </summary>
internal sealed record SignOutResponse(string UserId, DateTimeOffset RevokedBefore, int ClosedConnections);
