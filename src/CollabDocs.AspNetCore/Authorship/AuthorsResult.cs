using System.Text.Json;

namespace CollabDocs.Server.Authorship;

/// <summary>The result of <c>GET /api/documents/{id}/authors</c>: <c>200 application/json</c> written by <see cref="AuthorsJson"/>.</summary>
internal sealed class AuthorsResult(AuthorsResponse response) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, new JsonWriterOptions { SkipValidation = true });
        await AuthorsJson.WriteAsync(writer, response, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
