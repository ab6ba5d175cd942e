using System.Net;
using System.Net.Http.Json;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Auth;

/// <summary><c>POST /api/dev/token</c>: a name of 1–64 characters gets a token; an empty or longer one <c>invalid_argument</c>.</summary>
public sealed class DevelopmentTokenNameTests : IAsyncDisposable
{
    private readonly TestHost _factory = TestHost.Jwt();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    [Trait("Promise", "security.dev-token-name-limits")]
    public async Task Names_OfOneTo64Characters_GetATokenForTheirSlug_EmptyOrLongerOnesAreInvalid()
    {
        using var api = _factory.ApiAs(token: null);
        foreach (string name in new[] { "a", new string('n', 64) })
        {
            using var issued = await api.Http.PostAsJsonAsync("/api/dev/token", new { name }).DefaultTimeout();
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
            var body = await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>().DefaultTimeout();
            Assert.Equal(("dev:" + name, name), (body.GetProperty("userId").GetString(), body.GetProperty("name").GetString()));
        }

        foreach (string name in new[] { string.Empty, "   ", new string('n', 65) })
        {
            using var refused = await api.Http.PostAsJsonAsync("/api/dev/token", new { name }).DefaultTimeout();
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("invalid_argument", await ApiClient.CodeOfAsync(refused).DefaultTimeout());
        }
    }
}
