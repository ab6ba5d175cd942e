using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CollabDocs.Security.Tests.Infrastructure;

/// <summary>The HTTP API as one caller (bearer token or none).</summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(HttpClient http, string? token)
    {
        _http = http;
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> CreateAsync(string id, string text = "") =>
        _http.PostAsJsonAsync("/api/documents", new { id, text });

    public async Task CreateOkAsync(string id, string text = "")
    {
        using var response = await CreateAsync(id, text).DefaultTimeout();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> SetRoleAsync(string id, string userId, string role) =>
        _http.PutAsJsonAsync($"/api/documents/{id}/members/{Uri.EscapeDataString(userId)}", new { role });

    public async Task SetRoleOkAsync(string id, string userId, string role)
    {
        using var response = await SetRoleAsync(id, userId, role).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task<HttpResponseMessage> RevokeAsync(string id, string userId) =>
        _http.DeleteAsync($"/api/documents/{id}/members/{Uri.EscapeDataString(userId)}");

    /// <summary>The body of a GET that must succeed, as the exact text the server sent.</summary>
    public async Task<string> GetTextAsync(string path)
    {
        using var response = await _http.GetAsync(path).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync().DefaultTimeout();
    }

    public async Task<JsonElement> GetJsonAsync(string path) =>
        JsonDocument.Parse(await GetTextAsync(path).DefaultTimeout()).RootElement.Clone();

    /// <summary>The <c>code</c> of a problem-details response.</summary>
    public static async Task<string?> CodeOfAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync().DefaultTimeout();
        if (body.Length == 0)
        {
            return null;
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    public void Dispose() => _http.Dispose();
}
