using CollabDocs.Server.Documents;
using CollabDocs.Server.Identity;
using CollabDocs.Server.Protocol;
using CollabDocs.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabDocs.Server.Api;

/// <summary>The HTTP API under <c>/api/documents</c> (minimal APIs; errors are problem details).</summary>
internal static class DocumentEndpoints
{
    public static RouteGroupBuilder MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/documents").WithTags("Documents").AddEndpointFilter<ProblemFilter>();

        group.MapPost("/", async Task<Created<DocumentResponse>> (CreateDocumentRequest? request, HttpContext http, DocumentCatalog catalog) =>
        {
            var created = await catalog.CreateAsync(CallerOf(http), request?.Id, request?.Text).ConfigureAwait(false);
            return TypedResults.Created($"/api/documents/{created.Id}", DocumentResponse.From(created));
        }).WithSummary("Create a document, optionally with an id and initial text.");

        group.MapGet("/", async Task<Ok<IReadOnlyList<DocumentResponse>>> (HttpContext http, DocumentCatalog catalog, int? limit) =>
        {
            var documents = await catalog.ListAsync(CallerOf(http), limit ?? 100).ConfigureAwait(false);
            return TypedResults.Ok<IReadOnlyList<DocumentResponse>>(documents.Select(DocumentResponse.From).ToList());
        }).WithSummary("List documents, most recently updated first.");

        group.MapGet("/{id}", async Task<Ok<DocumentTextResponse>> (string id, HttpContext http, DocumentCatalog catalog) =>
        {
            var (revision, text) = await catalog.GetAsync(CallerOf(http), id).ConfigureAwait(false);
            return TypedResults.Ok(new DocumentTextResponse(id, revision, text));
        }).WithSummary("The current text and revision.");

        group.MapDelete("/{id}", async Task<NoContent> (string id, HttpContext http, DocumentCatalog catalog) =>
        {
            await catalog.DeleteAsync(CallerOf(http), id).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).WithSummary("Delete the document with its whole log and snapshots.");

        group.MapGet("/{id}/operations", async Task<Ok<IReadOnlyList<OperationMessage>>> (string id, int? from, int? to, HttpContext http, DocumentCatalog catalog) =>
            TypedResults.Ok(await catalog.GetOperationsAsync(CallerOf(http), id, from ?? 0, to).ConfigureAwait(false)))
            .WithSummary("Committed operations with from < revision <= to (at most 1,000 per call).");

        group.MapGet("/{id}/text", async Task<Ok<DocumentTextResponse>> (string id, int revision, HttpContext http, DocumentCatalog catalog) =>
            TypedResults.Ok(new DocumentTextResponse(id, revision, await catalog.GetTextAtAsync(CallerOf(http), id, revision).ConfigureAwait(false))))
            .WithSummary("The text at a past revision (time travel).");

        return group;
    }

    internal static Caller CallerOf(HttpContext http) => Caller.From(http.User, "http");
}

/// <summary>Body of <c>POST /api/documents</c>.</summary>
internal sealed record CreateDocumentRequest(string? Id, string? Text);

/// <summary>A document's head.</summary>
internal sealed record DocumentResponse(string Id, int Revision, int Length, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static DocumentResponse From(DocumentInfo info) =>
        new(info.Id, info.Revision, info.Length, info.CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(info.CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(info.UpdatedAt));
}

/// <summary>A document's text at a revision.</summary>
internal sealed record DocumentTextResponse(string Id, int Revision, string Text);
