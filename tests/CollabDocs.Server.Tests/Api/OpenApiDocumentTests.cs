using System.Text.Json;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) is one a client generator can use.</summary>
public sealed class OpenApiDocumentTests(ITestOutputHelper output) : ServerTest(output)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task EveryOperation_HasAUniqueId_AndItsErrorsAsProblemDetails()
    {
        using var document = await FetchAsync().DefaultTimeout();
        var ids = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                string where = $"{operation.Name} {path.Name}";
                Assert.True(operation.Value.TryGetProperty("operationId", out var id) && !string.IsNullOrEmpty(id.GetString()), $"{where} has no operationId");
                ids.Add(id.GetString()!);

                var responses = operation.Value.GetProperty("responses");
                foreach (string status in new[] { "400", "401", "403", "404" }.Where(_ => path.Name.StartsWith("/api/documents", StringComparison.Ordinal)))
                {
                    Assert.True(responses.TryGetProperty(status, out var response), $"{where} does not declare {status}");
                    Assert.Equal(
                        "#/components/schemas/ProblemDetails",
                        response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
                }
            }
        }

        Assert.True(ids.Count >= 18, $"only {ids.Count} operations");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("CreateDocument", ids);
        Assert.Contains("GetText", ids);

        // An edit a submit validator refuses answers 422 with the validator's code.
        var submit = document.RootElement.GetProperty("paths").GetProperty("/api/documents/{id}/operations").GetProperty("post");
        Assert.Equal("SubmitOperation", submit.GetProperty("operationId").GetString());
        Assert.True(submit.GetProperty("responses").TryGetProperty("422", out _));
    }

    [Fact]
    public async Task RateLimitedOperations_Declare429_WithRetryAfter()
    {
        using var document = await FetchAsync().DefaultTimeout();
        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, method) in new[]
        {
            ("/api/documents/{id}/operations", "post"), ("/api/documents/{id}/text", "put"), ("/api/documents/{id}/operations", "get"),
            ("/api/documents/{id}/text", "get"), ("/api/documents/{id}/authors", "get"), ("/api/documents/{id}/events", "get"),
        })
        {
            var tooMany = paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("429");
            Assert.True(tooMany.TryGetProperty("headers", out var headers) && headers.TryGetProperty("Retry-After", out _), $"{method} {path} declares no Retry-After");
            Assert.Equal("#/components/schemas/ProblemDetails", tooMany.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        }

        // Creation has its own hourly budget, answered without the header.
        var create = paths.GetProperty("/api/documents").GetProperty("post").GetProperty("responses").GetProperty("429");
        Assert.False(create.TryGetProperty("headers", out _));
    }

    [Fact]
    public async Task Roles_AreEnums_OptionalFieldsAreOptional_NumbersAreNumbers()
    {
        using var document = await FetchAsync().DefaultTimeout();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        string[] reported = ["none", "viewer", "editor", "owner"];
        Assert.Equal(reported, EnumOf(schemas, "DocumentResponse", "role"));
        Assert.Equal(reported, EnumOf(schemas, "MemberResponse", "role"));
        Assert.Equal(["viewer", "editor", "owner"], EnumOf(schemas, "SetRoleRequest", "role"));

        // Everything in a create request is optional; a replace needs only the text.
        Assert.Empty(RequiredOf(schemas, "CreateDocumentRequest"));
        Assert.Empty(RequiredOf(schemas, "ShareRequest"));
        Assert.Equal(["text"], RequiredOf(schemas, "ReplaceTextRequest"));
        Assert.Equal(["baseRevision", "operation", "clientId", "seq"], RequiredOf(schemas, "SubmitOperationRequest"));

        // GET /text without a revision is the current text: the parameter is optional.
        var revision = document.RootElement.GetProperty("paths").GetProperty("/api/documents/{id}/text").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == "revision");
        Assert.False(revision.TryGetProperty("required", out var required) && required.GetBoolean());

        var revisionSchema = schemas.GetProperty("DocumentResponse").GetProperty("properties").GetProperty("revision");
        Assert.Equal("integer", revisionSchema.GetProperty("type").GetString());
        Assert.False(revisionSchema.TryGetProperty("pattern", out _));
    }

    private async Task<JsonDocument> FetchAsync()
    {
        string json = await Api.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)).DefaultTimeout();
        return JsonDocument.Parse(json);
    }

    private static string[] EnumOf(JsonElement schemas, string schema, string property) =>
        [.. schemas.GetProperty(schema).GetProperty("properties").GetProperty(property).GetProperty("enum").EnumerateArray().Select(v => v.GetString()!)];

    private static string[] RequiredOf(JsonElement schemas, string schema) =>
        schemas.GetProperty(schema).TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(v => v.GetString()!)] : [];
}
