using System.Net;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>Browser origins: the server's own and the configured ones may use the API and the hub; others may not.</summary>
public sealed class OriginTests : IAsyncDisposable
{
    private const string Allowed = "https://app.example.com";
    private readonly TestHost _factory = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Cors:AllowedOrigins:0"] = Allowed + "/" });
    private readonly TestUser _ada = TestUser.Named("Ada");

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<HttpResponseMessage> GetWithOriginAsync(string origin)
    {
        using var api = _factory.ApiAs(_ada.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        request.Headers.Add("Origin", origin);
        return await api.Http.SendAsync(request).DefaultTimeout();
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData("https://localhost")]
    [InlineData(Allowed)]
    [InlineData("HTTPS://APP.EXAMPLE.COM")]
    public async Task AllowedOrigins_MayUseTheApi(string origin)
    {
        using var response = await GetWithOriginAsync(origin).DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://app.example.com:8443")]
    [InlineData("http://localhost:3000")]
    [InlineData("null")]
    [InlineData("file://")]
    public async Task OtherOrigins_AreRefused(string origin)
    {
        using var response = await GetWithOriginAsync(origin).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", await ApiClient.CodeOfAsync(response).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "security.allowed-origin-cors")]
    public async Task ConfiguredOrigin_GetsCorsHeaders()
    {
        using var api = _factory.ApiAs(token: null);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/documents");
        preflight.Headers.Add("Origin", Allowed);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await api.Http.SendAsync(preflight).DefaultTimeout();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
    }

    [Fact]
    [Trait("Promise", "security.other-origin-refused")]
    public async Task Hub_FromAnotherOrigin_IsRefused_EvenWithAValidToken()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => _factory.ConnectAsync(_ada.Token, origin: "https://evil.example")).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    [Trait("Promise", "security.allowed-origin-cors")]
    public async Task Hub_FromAnAllowedOrigin_Connects()
    {
        await using var hub = await _factory.ConnectAsync(_ada.Token, origin: Allowed).DefaultTimeout();

        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, hub.Connection.State);
    }

    [Fact]
    [Trait("Promise", "security.other-origin-refused")]
    public async Task WebSocket_FromAnotherOrigin_IsRefused_InAnonymousModeToo()
    {
        await using var anonymous = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Auth:Mode"] = "Anonymous" });
        var client = anonymous.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Origin = "https://evil.example";

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(new Uri(anonymous.Server.BaseAddress, "hubs/docs"), CancellationToken.None).DefaultTimeout()).DefaultTimeout();

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Promise", "security.bad-origin-fails-start")]
    public async Task InvalidConfiguredOrigin_FailsAtStartup()
    {
        await using var factory = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Cors:AllowedOrigins:0"] = "https://*.example.com/path" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("AllowedOrigins", error.ToString(), StringComparison.Ordinal);
    }
}
