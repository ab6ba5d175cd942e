using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary>The HTTP API: create, list, read, delete, the log, and the OpenAPI description.</summary>
public sealed class DocumentApiTests(ITestOutputHelper output) : ServerTest(output)
{
    [Fact]
    public async Task Create_WithIdAndText_StartsAtRevisionZero()
    {
        using var response = await Api.Http.PostAsJsonAsync("/api/documents", new { id = "notes", text = "hello" }).DefaultTimeout();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/documents/notes", response.Headers.Location?.OriginalString);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();
        Assert.Equal("notes", created.GetProperty("id").GetString());
        Assert.Equal(0, created.GetProperty("revision").GetInt32());
        Assert.Equal(5, created.GetProperty("length").GetInt32());

        var document = await Api.GetAsync("notes").DefaultTimeout();
        Assert.Equal(("notes", 0, "hello"), (document.Id, document.Revision, document.Text));
        Assert.True(File.Exists(Data.DatabaseFile), "the server must store in the test's own folder");
    }

    [Fact]
    public async Task Create_WithoutIdOrText_GeneratesIdAndStartsEmpty()
    {
        var first = await Api.CreateAsync().DefaultTimeout();
        var second = await Api.CreateAsync().DefaultTimeout();
        Assert.NotEqual(first.Id, second.Id);
        Assert.Matches("^[A-Za-z0-9_-]{1,64}$", first.Id);
        Assert.Equal((0, ""), await GetDocumentAsync(first.Id).DefaultTimeout());

        using var noBody = await Api.Http.PostAsync(new Uri("/api/documents", UriKind.Relative), null).DefaultTimeout();
        Assert.Equal(HttpStatusCode.Created, noBody.StatusCode);
    }

    [Fact]
    public async Task Create_WithTakenId_Returns409ProblemWithCode()
    {
        await CreateDocumentAsync("first", id: "taken").DefaultTimeout();
        using var response = await Api.Http.PostAsJsonAsync("/api/documents", new { id = "taken", text = "second" }).DefaultTimeout();
        var problem = await DocumentsApi.AssertProblemAsync(response, HttpStatusCode.Conflict, "document_exists").DefaultTimeout();
        Assert.Contains("taken", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, "first"), await GetDocumentAsync("taken").DefaultTimeout());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("")]
    public async Task Create_WithInvalidId_Returns400(string id)
    {
        using var response = await Api.Http.PostAsJsonAsync("/api/documents", new { id, text = "x" }).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
    }

    [Theory]
    [InlineData("""{"id": "lone", "text": "a\ud800b"}""")]
    [InlineData("""{"id": "lone", "text": "\udc00"}""")]
    public async Task Create_WithLoneSurrogateInText_Returns400(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Api.Http.PostAsync(new Uri("/api/documents", UriKind.Relative), content).DefaultTimeout();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var missing = await Api.Http.GetAsync(new Uri("/api/documents/lone", UriKind.Relative)).DefaultTimeout();
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Get_MissingDocument_Returns404ProblemWithCode()
    {
        using var response = await Api.Http.GetAsync(new Uri("/api/documents/missing", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(response, HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
    }

    [Fact]
    public async Task List_ReturnsDocuments_MostRecentlyUpdatedFirst()
    {
        foreach (string id in new[] { "one", "two", "three" })
        {
            await CreateDocumentAsync(id, id).DefaultTimeout();
            await Task.Delay(5).DefaultTimeout(); // distinct timestamps (milliseconds)
        }

        var client = await ConnectAsync().DefaultTimeout();
        Assert.Equal(1, await client.SubmitAsync("one", 0, TextOperation.Splice(3, 3, 0, "!"), seq: 1).DefaultTimeout());

        var listed = await Api.ListAsync().DefaultTimeout();
        Assert.Equal(["one", "three", "two"], listed.Select(d => d.Id));
        Assert.Equal((1, 4), (listed[0].Revision, listed[0].Length));
        Assert.Equal(2, (await Api.ListAsync(limit: 2).DefaultTimeout()).Count);
    }

    [Fact]
    public async Task Operations_ReturnsTheLogRange_FromExclusiveToInclusive()
    {
        string id = await CreateDocumentAsync().DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();
        for (int seq = 1; seq <= 10; seq++)
        {
            Assert.Equal(seq, await client.SubmitAsync(id, seq - 1, TextOperation.Splice(seq - 1, seq - 1, 0, "x"), seq).DefaultTimeout());
        }

        Assert.Equal([4, 5, 6], (await Api.GetOperationsAsync(id, from: 3, to: 6).DefaultTimeout()).Select(o => o.Revision));
        Assert.Equal([9, 10], (await Api.GetOperationsAsync(id, from: 8).DefaultTimeout()).Select(o => o.Revision));
        Assert.Empty(await Api.GetOperationsAsync(id, from: 10).DefaultTimeout());
        var all = await Api.GetOperationsAsync(id).DefaultTimeout();
        Assert.Equal(Enumerable.Range(1, 10), all.Select(o => o.Revision));
        Assert.All(all, o => Assert.Equal((id, client.ClientId), (o.DocumentId, o.ClientId)));
        Assert.Equal(Enumerable.Range(1, 10), all.Select(o => o.Seq));
        Assert.All(all, o => Assert.False(string.IsNullOrEmpty(o.UserId)));
        Assert.All(all, o => Assert.InRange(o.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds()));

        using var backwards = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/operations?from=5&to=3", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(backwards, HttpStatusCode.BadRequest, "invalid_argument").DefaultTimeout();
        using var missing = await Api.Http.GetAsync(new Uri("/api/documents/missing/operations", UriKind.Relative)).DefaultTimeout();
        await DocumentsApi.AssertProblemAsync(missing, HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
    }

    [Fact]
    [Trait("Promise", "protocol.document-closed")]
    public async Task Delete_RemovesTextLogAndSnapshots_AndClosesJoinedClients()
    {
        string id = await CreateDocumentAsync("doomed").DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        var reader = await ConnectAsync().DefaultTimeout();
        await writer.JoinAsync(id).DefaultTimeout();
        await reader.JoinAsync(id).DefaultTimeout();
        Assert.Equal(1, await writer.SubmitAsync(id, 0, TextOperation.Splice(6, 6, 0, "!"), seq: 1).DefaultTimeout());

        await Api.DeleteAsync(id).DefaultTimeout();

        foreach (var client in new[] { writer, reader })
        {
            var closed = await client.Closed.ReadAsync().DefaultTimeout();
            Assert.Equal((id, "deleted"), (closed.DocumentId, closed.Reason));
        }

        using (var database = Data.OpenDatabase())
        {
            foreach (string table in new[] { "Documents", "Operations", "Snapshots", "Submissions", "DocumentMembers" })
            {
                using var command = database.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"{(table == "Documents" ? "Id" : "DocumentId")}\" = $id";
                command.Parameters.AddWithValue("$id", id);
                Assert.True((long)command.ExecuteScalar()! == 0, $"{table} still has rows of the deleted document");
            }
        }

        using (var response = await Api.Http.GetAsync(new Uri($"/api/documents/{id}", UriKind.Relative)).DefaultTimeout())
        {
            await DocumentsApi.AssertProblemAsync(response, HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
        }

        using (var response = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/text?revision=0", UriKind.Relative)).DefaultTimeout())
        {
            await DocumentsApi.AssertProblemAsync(response, HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
        }

        using (var response = await Api.Http.DeleteAsync(new Uri($"/api/documents/{id}", UriKind.Relative)).DefaultTimeout())
        {
            await DocumentsApi.AssertProblemAsync(response, HttpStatusCode.NotFound, "document_not_found").DefaultTimeout();
        }

        await HubErrors.AssertCodeAsync("document_not_found", () => reader.JoinAsync(id)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("document_not_found", () => writer.SubmitAsync(id, 1, TextOperation.Identity(7), seq: 2)).DefaultTimeout();
        Assert.DoesNotContain(await Api.ListAsync().DefaultTimeout(), d => d.Id == id);

        // The id can be used again, for a new document with no history: not even the old dedupe records.
        await CreateDocumentAsync("again", id).DefaultTimeout();
        Assert.Equal(1, await writer.SubmitAsync(id, 0, TextOperation.Splice(5, 5, 0, "!"), seq: 1).DefaultTimeout());
        Assert.Equal((1, "again!"), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        using var response = await Api.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        foreach (string path in new[] { "/api/documents", "/api/documents/{id}", "/api/documents/{id}/operations", "/api/documents/{id}/text" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        }
    }
}
