using CollabDocs.Protocol;
using CollabDocs.Server.Access;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using CollabDocs.Server.Security;
using CollabDocs.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabDocs.Server.Api;

/// <summary>The HTTP API under <c>/api/documents</c> (minimal APIs; errors are problem details).</summary>
internal static class DocumentEndpoints
{
    public static RouteGroupBuilder MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/documents").WithTags("Documents").AddEndpointFilter<ProblemFilter>().ProducesCollabDocsProblems();

        group.MapPost("/", async Task<Created<DocumentResponse>> (CreateDocumentRequest? request, HttpContext http, DocumentCatalog catalog, DocumentDirectory directory) =>
        {
            var caller = CallerOf(http);
            string? title = request?.Title is null ? null : DocumentDirectory.Check(request.Title);
            var created = await catalog.CreateAsync(caller, request?.Id, request?.Text).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(title))
            {
                created = created with { Title = await directory.RenameAsync(caller, created.Id, title).ConfigureAwait(false) };
            }

            return TypedResults.Created($"/api/documents/{created.Id}", DocumentResponse.From(created, DocumentRole.Owner));
        }).WithName("CreateDocument").WithSummary("Create a document, optionally with an id, a title and initial text.");

        group.MapGet("/", async Task<Ok<IReadOnlyList<DocumentResponse>>> (HttpContext http, DocumentDirectory directory, int? limit, string? filter) =>
        {
            var documents = await directory.ListAsync(CallerOf(http), filter, limit ?? 100).ConfigureAwait(false);
            return TypedResults.Ok<IReadOnlyList<DocumentResponse>>(documents.Select(d => DocumentResponse.From(d.Document, d.Role)).ToList());
        }).WithName("ListDocuments").WithSummary("List the caller's documents with the caller's role, most recently updated first; filter=mine (owned) or shared (the others).");

        group.MapGet("/{id}/title", async Task<Ok<DocumentTitleResponse>> (string id, HttpContext http, DocumentDirectory directory) =>
            TypedResults.Ok(new DocumentTitleResponse(id, await directory.GetTitleAsync(CallerOf(http), id).ConfigureAwait(false))))
            .WithName("GetDocumentTitle")
            .WithSummary("The document's title (empty when untitled).");

        group.MapPut("/{id}/title", async Task<Ok<DocumentTitleResponse>> (string id, RenameDocumentRequest? request, HttpContext http, DocumentDirectory directory) =>
            TypedResults.Ok(new DocumentTitleResponse(id, await directory.RenameAsync(CallerOf(http), id, request?.Title).ConfigureAwait(false))))
            .WithName("RenameDocument")
            .WithSummary("Rename the document (editors and owners); an empty title makes it untitled.");

        group.MapGet("/{id}", async Task<Ok<DocumentTextResponse>> (string id, HttpContext http, DocumentCatalog catalog) =>
        {
            var (revision, text) = await catalog.GetAsync(CallerOf(http), id).ConfigureAwait(false);
            return TypedResults.Ok(new DocumentTextResponse(id, revision, text));
        }).WithName("GetDocument").WithSummary("The current text and revision.");

        group.MapDelete("/{id}", async Task<NoContent> (string id, HttpContext http, DocumentCatalog catalog) =>
        {
            await catalog.DeleteAsync(CallerOf(http), id).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).WithName("DeleteDocument").WithSummary("Delete the document with its whole log and snapshots.");

        group.MapGet("/{id}/operations", async Task<Ok<IReadOnlyList<OperationMessage>>> (string id, int? from, int? to, HttpContext http, DocumentCatalog catalog) =>
            TypedResults.Ok(await catalog.GetOperationsAsync(CallerOf(http), id, from ?? 0, to).ConfigureAwait(false)))
            .RequireRateLimiting(HttpRateLimits.Reads)
            .WithName("GetOperations")
            .WithSummary("Committed operations with from < revision <= to (at most 1,000 per call).");

        group.MapGet("/{id}/text", async Task<Ok<DocumentTextResponse>> (string id, int? revision, HttpContext http, DocumentCatalog catalog) =>
        {
            if (revision is not { } at)
            {
                var (current, text) = await catalog.GetAsync(CallerOf(http), id).ConfigureAwait(false);
                return TypedResults.Ok(new DocumentTextResponse(id, current, text));
            }

            return TypedResults.Ok(new DocumentTextResponse(id, at, await catalog.GetTextAtAsync(CallerOf(http), id, at).ConfigureAwait(false)));
        }).RequireRateLimiting(HttpRateLimits.Reads).WithName("GetText").WithSummary("The text at a past revision (time travel), or the current text and revision without one.");

        return group;
    }

    internal static Caller CallerOf(HttpContext http) => Caller.From(http.User, "http");
}

/// <summary>Body of <c>POST /api/documents</c>.</summary>
internal sealed record CreateDocumentRequest(string? Id = null, string? Text = null, string? Title = null);

/// <summary>Body of <c>PUT /api/documents/{id}/title</c>.</summary>
internal sealed record RenameDocumentRequest(string? Title);

/// <summary>A document's title.</summary>
internal sealed record DocumentTitleResponse(string Id, string Title);

/// <summary>A document's head, with the caller's role on it.</summary>
internal sealed record DocumentResponse(string Id, string Title, int Revision, int Length, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Role)
{
    public static DocumentResponse From(DocumentInfo info, DocumentRole role) =>
        new(info.Id, info.Title, info.Revision, info.Length, info.CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(info.CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(info.UpdatedAt), RoleNames.Of(role));
}

/// <summary>A document's text at a revision.</summary>
internal sealed record DocumentTextResponse(string Id, int Revision, string Text);
