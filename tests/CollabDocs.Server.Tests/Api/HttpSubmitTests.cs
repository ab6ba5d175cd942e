using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary><c>POST /api/documents/{id}/operations</c>: the hub's Submit over HTTP.</summary>
public sealed class HttpSubmitTests(ITestOutputHelper output) : ServerTest(output)
{
    [Fact]
    [Trait("Promise", "protocol.http-submit-broadcasts")]
    public async Task Submit_CommitsAndBroadcastsToJoinedEditors()
    {
        string id = await CreateDocumentAsync("hello").DefaultTimeout();
        var editor = await ConnectAsync().DefaultTimeout();
        await editor.JoinAsync(id).DefaultTimeout();

        using var response = await PostAsync(id, new { baseRevision = 0, operation = JsonSerializer.SerializeToElement(new object[] { 5, " world" }), clientId = "bot-1", seq = 1 }).DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();
        Assert.Equal(1, body.GetProperty("revision").GetInt32());
        var broadcast = await editor.Operations.ReadAsync().AsTask().DefaultTimeout();
        Assert.Equal((1, "bot-1", 1), (broadcast.Revision, broadcast.ClientId, broadcast.Seq));
        Assert.Equal(TextOperation.Parse("[5,\" world\"]"), broadcast.Operation);
        Assert.Equal((1, "hello world"), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "protocol.http-submit-resend-once")]
    public async Task Resend_OfTheSameClientIdAndSeq_ChangesNothing()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var hub = await ConnectAsync().DefaultTimeout();
        await hub.SubmitAsync(id, 0, TextOperation.Parse("[\"X\",3]"), 1).DefaultTimeout();
        var request = new { baseRevision = 0, operation = JsonSerializer.SerializeToElement(new object[] { 3, "!" }), clientId = "bot-2", seq = 1 };

        using var first = await PostAsync(id, request).DefaultTimeout();
        using var again = await PostAsync(id, request).DefaultTimeout();

        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout()).GetProperty("revision").GetInt32());
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout()).GetProperty("revision").GetInt32());
        Assert.Equal((2, "Xabc!"), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal(2, (await Api.GetLogAsync(id).DefaultTimeout()).Count);
    }

    [Fact]
    public async Task Resend_WithADifferentOperation_IsDuplicateSeqMismatch()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        using var first = await PostAsync(id, new { baseRevision = 0, operation = JsonSerializer.SerializeToElement(new object[] { 3, "!" }), clientId = "bot-3", seq = 1 }).DefaultTimeout();

        using var other = await PostAsync(id, new { baseRevision = 0, operation = JsonSerializer.SerializeToElement(new object[] { 3, "?" }), clientId = "bot-3", seq = 1 }).DefaultTimeout();

        await DocumentsApi.AssertProblemAsync(other, HttpStatusCode.BadRequest, "duplicate_seq_mismatch").DefaultTimeout();
        Assert.Equal((1, "abc!"), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Theory]
    [InlineData("{\"baseRevision\":5,\"operation\":[3],\"clientId\":\"c\",\"seq\":1}", "revision_in_future")]
    [InlineData("{\"baseRevision\":0,\"operation\":[4],\"clientId\":\"c\",\"seq\":1}", "operation_mismatch")]
    [InlineData("{\"baseRevision\":0,\"operation\":[1.5],\"clientId\":\"c\",\"seq\":1}", "malformed_operation")]
    [InlineData("{\"baseRevision\":0,\"operation\":[3],\"seq\":1}", "invalid_argument")]
    [InlineData("{\"baseRevision\":0,\"operation\":[3],\"clientId\":\"c\",\"seq\":0}", "invalid_argument")]
    public async Task Submit_Errors_AreProblemDetailsWithTheHubsCodes(string body, string code)
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();

        using var response = await Api.Http.PostAsync(new Uri($"/api/documents/{id}/operations", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json")).DefaultTimeout();

        await DocumentsApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, code).DefaultTimeout();
        Assert.Equal((0, "abc"), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    public async Task Submit_ToAMissingDocument_IsNotFound()
    {
        using var response = await PostAsync("nope", new { baseRevision = 0, operation = JsonSerializer.SerializeToElement(new object[] { "x" }), clientId = "c", seq = 1 }).DefaultTimeout();

        await DocumentsApi.AssertProblemAsync(response, HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
    }

    [Fact]
    [Trait("Promise", "protocol.openapi-operation-ids")]
    public async Task OpenApiDocument_DescribesTheIntegrationEndpoints()
    {
        using var response = await Api.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)).DefaultTimeout();
        var document = await response.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();
        var paths = document.GetProperty("paths");

        Assert.Equal("SubmitOperation", paths.GetProperty("/api/documents/{id}/operations").GetProperty("post").GetProperty("operationId").GetString());
        Assert.Equal("ReplaceText", paths.GetProperty("/api/documents/{id}/text").GetProperty("put").GetProperty("operationId").GetString());
        Assert.Equal("GetEvents", paths.GetProperty("/api/documents/{id}/events").GetProperty("get").GetProperty("operationId").GetString());
        var authors = paths.GetProperty("/api/documents/{id}/authors").GetProperty("get");
        Assert.Equal("GetAuthors", authors.GetProperty("operationId").GetString());
        Assert.True(authors.GetProperty("responses").TryGetProperty("404", out var notFound));
        Assert.True(notFound.GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    private Task<HttpResponseMessage> PostAsync(string id, object body) =>
        Api.Http.PostAsJsonAsync($"/api/documents/{id}/operations", body);
}
