using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Server.Tests.Infrastructure;

namespace CollabDocs.Server.Tests.Hosting;

/// <summary>docs/security.md, Limits: the standalone server's Kestrel limits come from <c>CollabDocs:Kestrel</c>.</summary>
public sealed class KestrelLimitsTests
{
    [Fact]
    [Trait("Promise", "security.max-request-body-bytes")]
    public async Task ABodyOverMaxRequestBodyBytes_Gets413LimitExceeded_AsProblemDetails_AndNothingIsCreated()
    {
        await using var server = new LoopbackServer(new Dictionary<string, string?> { ["CollabDocs:Kestrel:MaxRequestBodyBytes"] = "65536" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var refused = await http.PostAsJsonAsync("api/documents", new { id = "too-big", text = new string('a', 100_000) }).DefaultTimeout();
        string body = await refused.Content.ReadAsStringAsync().DefaultTimeout();
        using var missing = await http.GetAsync(new Uri("api/documents/too-big", UriKind.Relative)).DefaultTimeout();
        using var fits = await http.PostAsJsonAsync("api/documents", new { id = "fits", text = new string('a', 60_000) }).DefaultTimeout();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(body))
        {
            Assert.Equal("limit_exceeded", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
        }

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
    }

    [Fact]
    [Trait("Promise", "security.max-request-headers-bytes")]
    public async Task HeadersOverMaxRequestHeadersTotalBytes_AreRefusedWith431()
    {
        await using var server = new LoopbackServer(new Dictionary<string, string?> { ["CollabDocs:Kestrel:MaxRequestHeadersTotalBytes"] = "8192" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("health/live", UriKind.Relative));
        request.Headers.Add("X-Padding", new string('p', 10_000));

        using var refused = await http.SendAsync(request).DefaultTimeout();
        using var ok = await http.GetAsync(new Uri("health/live", UriKind.Relative)).DefaultTimeout();

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}
