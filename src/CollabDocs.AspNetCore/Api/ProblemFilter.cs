using CollabDocs.Protocol;
using CollabDocs.Server.Documents;

namespace CollabDocs.Server.Api;

/// <summary>
/// Turns <see cref="CollabException"/> into RFC 7807 problem details with the error code as <c>code</c>; a refusal that
/// knows when to retry also answers <c>Retry-After</c> (seconds) and <c>retryAfterMs</c>.
/// </summary>
internal sealed class ProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (CollabException ex)
        {
            var extensions = new Dictionary<string, object?> { ["code"] = ex.Code };
            if (ex.RetryAfter is { } wait)
            {
                extensions["retryAfterMs"] = (int)Math.Ceiling(wait.TotalMilliseconds);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return TypedResults.Problem(
                detail: ex.Message,
                statusCode: StatusOf(ex.Code),
                title: ex.Code,
                extensions: extensions);
        }
    }

    internal static int StatusOf(string code) => code switch
    {
        ErrorCodes.DocumentNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.DocumentExists => StatusCodes.Status409Conflict,
        ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.RevisionTooOld or ErrorCodes.AuthorshipUnavailable => StatusCodes.Status410Gone,
        ErrorCodes.LimitExceeded => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.InvalidArgument or ErrorCodes.MalformedOperation or ErrorCodes.OperationMismatch or ErrorCodes.RevisionInFuture
            or ErrorCodes.DuplicateSeqMismatch or ErrorCodes.SeqOutOfOrder => StatusCodes.Status400BadRequest,

        // An edit an ISubmitValidator refused, with the validator's own code.
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
