using System.Net;
using System.Text;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>Bad input over the HTTP API: typed problem details, nothing changed.</summary>
public sealed class HttpBadInputTests : IAsyncDisposable
{
    private readonly TestHost _factory = TestHost.Jwt(BadInputFixture.Settings);
    private readonly TestUser _ada = TestUser.Named("Ada");

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/documents/doc/text?revision=-1", null, HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("GET", "/api/documents/doc/text?revision=1000000", null, HttpStatusCode.BadRequest, "revision_in_future")]
    [InlineData("GET", "/api/documents/doc/text?revision=abc", null, HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("GET", "/api/documents/doc/operations?from=-1", null, HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("GET", "/api/documents/doc/operations?from=3&to=1", null, HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("GET", "/api/documents/no-such-doc", null, HttpStatusCode.NotFound, "document_not_found")]
    [InlineData("GET", "/api/documents/bad%20id", null, HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("POST", "/api/documents", "{\"id\":\"doc\",\"text\":\"again\"}", HttpStatusCode.Conflict, "document_exists")]
    [InlineData("POST", "/api/documents", "{\"id\":\"big\",\"text\":\"@601\"}", HttpStatusCode.RequestEntityTooLarge, "limit_exceeded")]
    [InlineData("POST", "/api/documents", "{\"id\":\"lone\",\"text\":\"a\\ud800\"}", HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("POST", "/api/documents", "{\"id\":", HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("POST", "/api/documents", "{\"id\":5}", HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("POST", "/api/documents", "{\"id\":\"../../etc\"}", HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("PUT", "/api/documents/doc/members/dev:x", "{\"role\":\"root\"}", HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("PUT", "/api/documents/doc/members/a%20b", "{\"role\":\"viewer\"}", HttpStatusCode.BadRequest, "invalid_argument")]
    public async Task BadRequest_GetsItsError_AndChangesNothing(string method, string path, string? body, HttpStatusCode status, string code)
    {
        using var api = _factory.ApiAs(_ada.Token);
        using (var created = await api.CreateAsync("doc", "hello").DefaultTimeout())
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode); // a new server for every case
        }

        string before = await api.GetTextAsync("/api/documents/doc").DefaultTimeout() + await api.GetTextAsync("/api/documents/doc/members").DefaultTimeout();
        if (body is not null && body.Contains("@601", StringComparison.Ordinal))
        {
            body = body.Replace("@601", new string('x', 601), StringComparison.Ordinal);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await api.Http.SendAsync(request).DefaultTimeout();

        // Also when ASP.NET Core refused the request while binding it, before any endpoint code ran
        // (malformed JSON, a lone surrogate, a wrong type): its problem details carry the code too.
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, await ApiClient.CodeOfAsync(response).DefaultTimeout());

        Assert.Equal(before, await api.GetTextAsync("/api/documents/doc").DefaultTimeout() + await api.GetTextAsync("/api/documents/doc/members").DefaultTimeout());
    }
}
