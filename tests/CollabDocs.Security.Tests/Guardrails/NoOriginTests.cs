using System.Net;
using CollabDocs.Security.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// Requests without an <c>Origin</c> header (non-browser clients) are not affected by the origin check, on a server
/// whose check is on (another origin is refused); they still need a token.
/// </summary>
public sealed class NoOriginTests : IAsyncDisposable
{
    private readonly TestHost _factory = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Cors:AllowedOrigins:0"] = "https://app.example.com" });
    private readonly TestUser _ada = TestUser.Named("Ada");

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    [Trait("Promise", "security.no-origin-unaffected")]
    public async Task WithoutOrigin_TheApiAndTheHubAnswer_ButATokenIsStillNeeded()
    {
        using var api = _factory.ApiAs(_ada.Token);
        using (var evil = new HttpRequestMessage(HttpMethod.Get, "/api/documents"))
        {
            evil.Headers.Add("Origin", "https://evil.example");
            using var refused = await api.Http.SendAsync(evil).DefaultTimeout();
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var plain = new HttpRequestMessage(HttpMethod.Get, "/api/documents"))
        {
            Assert.False(plain.Headers.Contains("Origin"));
            using var answered = await api.Http.SendAsync(plain).DefaultTimeout();
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        await api.CreateOkAsync("no-origin", "hi").DefaultTimeout();
        await using (var hub = await _factory.ConnectAsync(_ada.Token, origin: null).DefaultTimeout())
        {
            Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
            Assert.Equal("hi", (await hub.JoinAsync("no-origin").DefaultTimeout()).Text);
        }

        using var anonymous = _factory.ApiAs(token: null);
        using var unauthorized = await anonymous.Http.GetAsync("/api/documents").DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }
}
