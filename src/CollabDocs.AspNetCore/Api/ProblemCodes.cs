using CollabDocs.Protocol;
using CollabDocs.Server.Documents;

namespace CollabDocs.Server.Api;

/// <summary>
/// Gives every 4xx problem its <c>code</c>: the framework's own answers (a query or body that does not bind, a
/// refused authentication) carry none, while clients switch on it.
/// </summary>
internal static class ProblemCodes
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code") || CodeOf(problem.Status ?? context.HttpContext.Response.StatusCode) is not { } code)
        {
            return;
        }

        problem.Extensions["code"] = code;
    }

    private static string? CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.InvalidArgument,
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthenticated,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.InvalidArgument,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.LimitExceeded,
        StatusCodes.Status415UnsupportedMediaType => ErrorCodes.InvalidArgument,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
        _ => null,
    };
}
