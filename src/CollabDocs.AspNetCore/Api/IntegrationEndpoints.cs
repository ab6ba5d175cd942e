using System.Globalization;
using CollabDocs.Protocol;
using CollabDocs.Server.Authorship;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Edits;
using CollabDocs.Server.Feeds;
using CollabDocs.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabDocs.Server.Api;

/// <summary>
/// The endpoints for bots, imports and other services (docs/protocol.md, "HTTP API for integrations"):
/// edits over HTTP, the change feed and authorship. They go through <see cref="DocumentService"/> like the hub.
/// </summary>
internal static class IntegrationEndpoints
{
    public static RouteGroupBuilder MapIntegrationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/documents").WithTags("Integrations").AddEndpointFilter<ProblemFilter>().ProducesCollabDocsProblems();

        group.MapPost("/{id}/operations", async Task<Ok<SubmitResult>> (string id, SubmitOperationRequest request, HttpContext http, DocumentService documents) =>
        {
            if (request.BaseRevision is not int baseRevision || request.ClientId is null || request.Seq is not int seq)
            {
                throw CollabException.Invalid("The body needs 'baseRevision', 'operation', 'clientId' and 'seq'.");
            }

            return TypedResults.Ok(await documents.SubmitAsync(DocumentEndpoints.CallerOf(http), null, id, baseRevision, request.Operation, request.ClientId, seq).ConfigureAwait(false));
        })
            .RequireRateLimiting(HttpRateLimits.Edits)
            .WithName("SubmitOperation")
            .WithSummary("Submit an operation, exactly as the hub's Submit (same transforms, exactly-once rule and error codes).")
            .ProducesEditProblems();

        group.MapPut("/{id}/text", async Task<Ok<ReplaceTextResponse>> (string id, ReplaceTextRequest request, HttpContext http, TextReplacer replacer) =>
            TypedResults.Ok(await replacer.ReplaceAsync(DocumentEndpoints.CallerOf(http), id, request).ConfigureAwait(false)))
            .RequireRateLimiting(HttpRateLimits.Edits)
            .WithName("ReplaceText")
            .WithSummary("Replace the whole text: the server diffs it into the smallest operation and submits that, so concurrent edits and cursors survive.")
            .ProducesEditProblems();

        group.MapGet("/{id}/events", async Task<IResult> (string id, bool? presence, int? lastEventId, HttpContext http, ChangeFeed feed) =>
        {
            var run = await feed.OpenAsync(DocumentEndpoints.CallerOf(http), id, LastEventId(http) ?? lastEventId, presence ?? false).ConfigureAwait(false);
            return new EventStreamResult(run);
        })
            .RequireRateLimiting(HttpRateLimits.Reads)
            .WithName("GetEvents")
            .WithSummary("Server-Sent Events of committed operations (id = revision), resumable with Last-Event-ID; presence with ?presence=true.")
            .Produces<OperationMessage>(StatusCodes.Status200OK, "text/event-stream");

        group.MapGet("/{id}/authors", async Task<IResult> (string id, int? revision, string? by, HttpContext http, AuthorshipQuery authors) =>
        {
            bool byUser = by switch
            {
                null or "revision" => false,
                "user" => true,
                _ => throw CollabException.Invalid($"'by' is 'revision' or 'user', got '{by}'."),
            };
            return new AuthorsResult(await authors.GetAsync(DocumentEndpoints.CallerOf(http), id, revision, byUser, http.RequestAborted).ConfigureAwait(false));
        })
            .Produces<AuthorsResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status410Gone)
            .RequireRateLimiting(HttpRateLimits.Reads)
            .WithName("GetAuthors")
            .WithSummary("The text at a revision (default: the current one) split into ranges by the user, revision and time that inserted them.");

        return group;
    }

    private static int? LastEventId(HttpContext http)
    {
        string? header = http.Request.Headers["Last-Event-ID"];
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        return int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out int revision)
            ? revision
            : throw CollabException.Invalid($"Last-Event-ID must be a revision, got '{header}'.");
    }

    private sealed class EventStreamResult(Func<HttpResponse, CancellationToken, Task> run) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => run(httpContext.Response, httpContext.RequestAborted);
    }
}
