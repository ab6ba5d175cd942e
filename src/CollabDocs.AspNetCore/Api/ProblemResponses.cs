namespace CollabDocs.Server.Api;

/// <summary>Declares, for the OpenAPI document, the problem details the HTTP API answers errors with.</summary>
internal static class ProblemResponses
{
    /// <summary>The errors any endpoint under <c>/api/documents</c> may answer, each with its <c>code</c>.</summary>
    public static TBuilder ProducesCollabDocsProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>An edit a submit validator refused (its own code) or that lost to a conflict.</summary>
    public static RouteHandlerBuilder ProducesEditProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
