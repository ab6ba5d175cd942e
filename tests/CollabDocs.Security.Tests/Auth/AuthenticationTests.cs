using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;
using CollabDocs.Server.Security;

namespace CollabDocs.Security.Tests.Auth;

/// <summary>Who may talk to the server at all: tokens on the HTTP API, at negotiate, on the WebSocket.</summary>
public sealed class AuthenticationTests : IAsyncDisposable
{
    private readonly TestHost _factory = TestHost.Jwt();

    public static TheoryData<string> BadTokens => ["none", "expired", "bad-signature", "unsigned", "wrong-issuer", "wrong-audience", "not-yet-valid", "garbage", "no-subject"];

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    internal static string? Make(string kind) => kind switch
    {
        "none" => null,
        "expired" => TestTokens.For("dev:ada", expires: DateTimeOffset.UtcNow.AddMinutes(-10), notBefore: DateTimeOffset.UtcNow.AddHours(-1)),
        "bad-signature" => TestTokens.For("dev:ada", key: TestTokens.OtherKey),
        "unsigned" => TestTokens.For("dev:ada", unsigned: true),
        "wrong-issuer" => TestTokens.For("dev:ada", issuer: "someone-else"),
        "wrong-audience" => TestTokens.For("dev:ada", audience: "another-app"),
        "not-yet-valid" => TestTokens.For("dev:ada", notBefore: DateTimeOffset.UtcNow.AddHours(1), expires: DateTimeOffset.UtcNow.AddHours(2)),
        "garbage" => "not.a.token",
        "no-subject" => TestTokens.For(string.Empty),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    [Trait("Promise", "security.refused-token-401")]
    public async Task HttpApi_RefusesBadTokens_With401(string kind)
    {
        using var api = _factory.ApiAs(Make(kind));

        using var list = await api.GetAsync("/api/documents").DefaultTimeout();
        using var create = await api.CreateAsync("sneaky").DefaultTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal("unauthenticated", await ApiClient.CodeOfAsync(list).DefaultTimeout());
        Assert.Equal("Bearer", list.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    [Trait("Promise", "security.refused-token-401")]
    public async Task Hub_RefusesBadTokens_AtNegotiate(string kind)
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => _factory.ConnectAsync(Make(kind))).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    [Trait("Promise", "security.refused-token-401")]
    public async Task Hub_RefusesBadTokens_OnAWebSocketThatSkipsNegotiate(string kind)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _factory.ConnectRawAsync(Make(kind))).DefaultTimeout();

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoodToken_IsAccepted_ByTheApiAndTheHub()
    {
        string token = TestTokens.For("dev:ada", "Ada");
        using var api = _factory.ApiAs(token);
        await api.CreateOkAsync("ada-notes", "hello").DefaultTimeout();

        await using var hub = await _factory.ConnectAsync(token).DefaultTimeout();
        var joined = await hub.Json.JoinAsync("ada-notes").DefaultTimeout();

        Assert.Equal("owner", joined.GetProperty("role").GetString());
        Assert.Equal("hello", joined.GetProperty("text").GetString());
    }

    [Fact]
    [Trait("Promise", "security.query-token-hub-only")]
    public async Task QueryStringToken_IsIgnored_OutsideTheHubPath()
    {
        string token = TestTokens.For("dev:ada");
        using var api = _factory.ApiAs(token: null);

        using var response = await api.GetAsync("/api/documents?access_token=" + Uri.EscapeDataString(token)).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    [Trait("Promise", "security.dev-user-id-stable")]
    public async Task DevelopmentToken_HasTheShapeTheDemoUses_AndTheSameNameIsTheSameUser()
    {
        using var anonymous = _factory.ApiAs(token: null);

        using var first = await anonymous.Http.PostAsJsonAsync("/api/dev/token", new { name = "Ada Lovelace" }).DefaultTimeout();
        using var second = await anonymous.Http.PostAsJsonAsync("/api/dev/token", new { name = "ada lovelace" }).DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();
        Assert.Equal(["token", "userId", "name", "expiresAt"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dev:ada-lovelace", body.GetProperty("userId").GetString());
        Assert.Equal("Ada Lovelace", body.GetProperty("name").GetString());
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(11));
        var again = await second.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();
        Assert.Equal("dev:ada-lovelace", again.GetProperty("userId").GetString());

        // The demo flow: token → create → join through the hub with the token in the query string.
        string token = body.GetProperty("token").GetString()!;
        using var api = _factory.ApiAs(token);
        await api.CreateOkAsync("demo", "hi").DefaultTimeout();
        await using var hub = await _factory.ConnectAsync(token).DefaultTimeout();
        var joined = await hub.Json.JoinAsync("demo").DefaultTimeout();
        Assert.Equal("owner", joined.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"name\":\"\"}")]
    [InlineData("{\"name\":\"   \"}")]
    [InlineData("{\"name\":\"a\\u0000b\"}")]
    [InlineData("{\"name\":\"\\ud800\"}")]
    [InlineData("{\"name\":\"0123456789012345678901234567890123456789012345678901234567890123456789\"}")]
    public async Task DevelopmentToken_RefusesBadNames(string body)
    {
        using var api = _factory.ApiAs(token: null);

        using var response = await api.Http.PostAsync("/api/dev/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json")).DefaultTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("Ada", "dev:ada")]
    [InlineData("  Grace   Hopper ", "dev:grace-hopper")]
    [InlineData("Zoë", "dev:zo")]
    public void DevelopmentUserIds_AreStableSlugs(string name, string expected) =>
        Assert.Equal(expected, DevelopmentTokenEndpoints.UserIdOf(name.Trim()));

    [Fact]
    [Trait("Promise", "security.dev-user-id-hash")]
    public void DevelopmentUserIds_OfNamesWithoutLetters_AreStableHashes()
    {
        string id = DevelopmentTokenEndpoints.UserIdOf("李雷");

        Assert.StartsWith("dev:", id, StringComparison.Ordinal);
        Assert.Equal(id, DevelopmentTokenEndpoints.UserIdOf("李雷"));
        Assert.NotEqual(id, DevelopmentTokenEndpoints.UserIdOf("韩梅梅"));
    }

    [Fact]
    [Trait("Promise", "security.dev-tokens-off-by-default")]
    public async Task DevelopmentTokens_AreOffOutsideDevelopment()
    {
        await using var production = TestHost.Jwt(environment: "Production");
        using var api = production.ApiAs(token: null);

        using var response = await api.Http.PostAsJsonAsync("/api/dev/token", new { name = "Ada" }).DefaultTimeout();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    [Trait("Promise", "security.production-needs-signing-key")]
    public async Task Production_WithoutASigningKey_FailsAtStartup_WithAClearMessage()
    {
        await using var production = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Auth:SigningKey"] = string.Empty }, environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("CollabDocs:Auth:SigningKey", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Mode=Anonymous", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Promise", "security.short-signing-key-fails-start")]
    public async Task ShortSigningKey_FailsAtStartup()
    {
        await using var factory = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Auth:SigningKey"] = "short" }, environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("too short", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Promise", "security.dev-signing-key-survives-restart")]
    public async Task Development_WithoutASigningKey_GeneratesOne_ThatSurvivesARestart()
    {
        var settings = new Dictionary<string, string?> { ["CollabDocs:Auth:SigningKey"] = string.Empty };
        string folder = Directory.CreateTempSubdirectory("collabdocs-security-restart-").FullName;
        try
        {
            string token;
            await using (var first = TestHost.Jwt(settings, dataDirectory: folder))
            {
                using var anonymous = first.ApiAs(token: null);
                using var response = await anonymous.Http.PostAsJsonAsync("/api/dev/token", new { name = "Ada" }).DefaultTimeout();
                token = (await response.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout()).GetProperty("token").GetString()!;
                Assert.True(File.Exists(Path.Combine(folder, SigningKeyProvider.FileName)));

                // The generated key, not the configured test key, signs and verifies.
                using var withTestKey = first.ApiAs(TestTokens.For("dev:ada"));
                using var refused = await withTestKey.GetAsync("/api/documents").DefaultTimeout();
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }

            await using var second = TestHost.Jwt(settings, dataDirectory: folder);
            using var api = second.ApiAs(token);

            using var list = await api.GetAsync("/api/documents").DefaultTimeout();

            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [Trait("Promise", "security.anonymous-explicit")]
    public async Task AnonymousMode_IsExplicit_AndNeedsNoToken()
    {
        await using var anonymous = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Auth:Mode"] = "Anonymous", ["CollabDocs:Auth:SigningKey"] = string.Empty }, environment: "Production");
        using var api = anonymous.ApiAs(token: null);
        await api.CreateOkAsync("open", "x").DefaultTimeout();

        await using var hub = await anonymous.ConnectAsync(token: null).DefaultTimeout();
        var joined = await hub.Json.JoinAsync("open").DefaultTimeout();

        Assert.Equal("owner", joined.GetProperty("role").GetString());
        using var devToken = await api.Http.PostAsJsonAsync("/api/dev/token", new { name = "Ada" }).DefaultTimeout();
        Assert.Equal(HttpStatusCode.NotFound, devToken.StatusCode);
    }

    [Fact]
    [Trait("Promise", "security.expired-token-closes-connection")]
    public async Task HubConnection_Closes_WhenItsTokenExpires()
    {
        // docs/security.md: "a hub connection is closed when its token expires". SignalR compares the
        // token's exp with the wall clock once a second. The token the WebSocket opens with is made at that
        // moment and lives 3 s from then, so a slow negotiate cannot use up its lifetime.
        var lifetime = TimeSpan.FromSeconds(3);
        await using var factory = TestHost.Jwt(new Dictionary<string, string?>
        {
            ["CollabDocs:Auth:ClockSkew"] = "00:00:00",
            ["Logging:LogLevel:Microsoft.AspNetCore.Http.Connections"] = "Debug",
        });
        using (var api = factory.ApiAs(TestTokens.For("dev:ada")))
        {
            await api.CreateOkAsync("expiring", "x").DefaultTimeout();
        }

        DateTimeOffset? expires = null;
        var closed = new TaskCompletionSource<(DateTimeOffset At, Exception? Error)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = await factory.ConnectAsync(new TestHubOptions
        {
            Token = () =>
            {
                var now = DateTimeOffset.UtcNow;
                expires = DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds()); // exp has whole seconds
                return TestTokens.For("dev:ada", expires: expires, notBefore: now.AddMinutes(-1));
            },
            BeforeStart = connection => connection.Closed += error =>
            {
                closed.TrySetResult((DateTimeOffset.UtcNow, error));
                return Task.CompletedTask;
            },
        }).DefaultTimeout();

        // Open and authenticated before the expiry: a join works.
        var joined = await hub.Json.JoinAsync("expiring").DefaultTimeout();
        Assert.Equal("owner", joined.GetProperty("role").GetString());

        var (at, _) = await closed.Task.DefaultTimeout();
        Assert.True(at >= expires, $"closed at {at:O}, before the token's expiry {expires:O}");
        Assert.Contains(factory.Logs.Entries, e => e.Text.Contains("closing because the authentication token has expired", StringComparison.Ordinal));
    }
}
