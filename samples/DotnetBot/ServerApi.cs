using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace DotnetBot;

/// <summary>The two HTTP calls the bot needs besides the hub.</summary>
internal static class ServerApi
{
    /// <summary>A token from the development endpoint (<c>POST /api/dev/token</c>, Development servers only).</summary>
    public static async Task<string> DevelopmentTokenAsync(HttpClient http, string name)
    {
        using var response = await http.PostAsJsonAsync("api/dev/token", new { name });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return body?.Token ?? throw new InvalidOperationException("The token endpoint answered without a token.");
    }

    /// <summary>Creates the (empty) document unless it exists.</summary>
    public static async Task EnsureDocumentAsync(HttpClient http, string token, string documentId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/documents")
        {
            Content = JsonContent.Create(new { id = documentId, text = string.Empty }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    private sealed record TokenBody(string Token);
}
