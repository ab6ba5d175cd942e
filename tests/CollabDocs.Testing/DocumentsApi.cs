using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Ot.Json;
using CollabDocs.Protocol;
using CollabDocs.Server.Api;
using Xunit;

namespace CollabDocs.Testing;

/// <summary>The HTTP API under <c>/api/documents</c>, typed; every call ends in <c>DefaultTimeout</c>.</summary>
internal sealed class DocumentsApi(HttpClient http)
{
    /// <summary>The wire options of the API (web defaults plus the ot.js operation form).</summary>
    public static readonly JsonSerializerOptions Json = CreateOptions();

    public HttpClient Http { get; } = http;

    public async Task<DocumentResponse> CreateAsync(string? id = null, string? text = null)
    {
        using var response = await Http.PostAsJsonAsync("/api/documents", new { id, text }, Json).DefaultTimeout();
        await EnsureStatusAsync(response, HttpStatusCode.Created).DefaultTimeout();
        return (await response.Content.ReadFromJsonAsync<DocumentResponse>(Json).DefaultTimeout())!;
    }

    public async Task<DocumentTextResponse> GetAsync(string id)
    {
        using var response = await Http.GetAsync(new Uri($"/api/documents/{id}", UriKind.Relative)).DefaultTimeout();
        await EnsureStatusAsync(response, HttpStatusCode.OK).DefaultTimeout();
        return (await response.Content.ReadFromJsonAsync<DocumentTextResponse>(Json).DefaultTimeout())!;
    }

    public async Task<string> GetTextAtAsync(string id, int revision)
    {
        using var response = await Http.GetAsync(new Uri($"/api/documents/{id}/text?revision={revision}", UriKind.Relative)).DefaultTimeout();
        await EnsureStatusAsync(response, HttpStatusCode.OK).DefaultTimeout();
        var body = (await response.Content.ReadFromJsonAsync<DocumentTextResponse>(Json).DefaultTimeout())!;
        Assert.Equal(revision, body.Revision);
        return body.Text;
    }

    /// <summary>One page of <c>GET /operations</c>.</summary>
    public async Task<IReadOnlyList<OperationMessage>> GetOperationsAsync(string id, int? from = null, int? to = null)
    {
        string query = (from, to) switch
        {
            (null, null) => string.Empty,
            (_, null) => $"?from={from}",
            (null, _) => $"?to={to}",
            _ => $"?from={from}&to={to}",
        };
        using var response = await Http.GetAsync(new Uri($"/api/documents/{id}/operations{query}", UriKind.Relative)).DefaultTimeout();
        await EnsureStatusAsync(response, HttpStatusCode.OK).DefaultTimeout();
        return (await response.Content.ReadFromJsonAsync<List<OperationMessage>>(Json).DefaultTimeout())!;
    }

    /// <summary>The log after revision <paramref name="from"/> (the whole log by default; it may be compacted below), page by page.</summary>
    public async Task<IReadOnlyList<OperationMessage>> GetLogAsync(string id, int from = 0)
    {
        var log = new List<OperationMessage>();
        while (true)
        {
            var page = await GetOperationsAsync(id, from: log.Count == 0 ? from : log[^1].Revision).DefaultTimeout();
            if (page.Count == 0)
            {
                return log;
            }

            log.AddRange(page);
        }
    }

    public async Task<IReadOnlyList<DocumentResponse>> ListAsync(int? limit = null)
    {
        string query = limit is null ? string.Empty : $"?limit={limit}";
        using var response = await Http.GetAsync(new Uri("/api/documents" + query, UriKind.Relative)).DefaultTimeout();
        await EnsureStatusAsync(response, HttpStatusCode.OK).DefaultTimeout();
        return (await response.Content.ReadFromJsonAsync<List<DocumentResponse>>(Json).DefaultTimeout())!;
    }

    public async Task DeleteAsync(string id)
    {
        using var response = await Http.DeleteAsync(new Uri($"/api/documents/{id}", UriKind.Relative)).DefaultTimeout();
        await EnsureStatusAsync(response, HttpStatusCode.NoContent).DefaultTimeout();
    }

    /// <summary>Asserts that <paramref name="response"/> is problem details with <paramref name="status"/> and <paramref name="code"/>.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        ArgumentNullException.ThrowIfNull(response);
        string body = await response.Content.ReadAsStringAsync().DefaultTimeout();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        return problem.RootElement.Clone();
    }

    private static async Task EnsureStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            string body = await response.Content.ReadAsStringAsync().DefaultTimeout();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new TextOperationJsonConverter());
        return options;
    }
}
