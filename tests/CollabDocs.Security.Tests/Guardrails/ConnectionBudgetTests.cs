using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Net.WebSockets;
using CollabDocs.Security.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// docs/security.md, Limits: connections that never speak are closed (HandshakeTimeout, ClientTimeoutInterval),
/// one user holds at most MaxConnectionsPerUser connections and creates at most MaxDocumentsCreatedPerHour documents.
/// </summary>
public sealed class ConnectionBudgetTests
{
    private readonly TestUser _user = TestUser.Named("Holder");
    private readonly TestUser _other = TestUser.Named("Other");

    [Fact]
    [Trait("Promise", "security.max-connections-per-user")]
    public async Task AConnectionOverMaxConnectionsPerUser_IsClosedWithLimitExceeded_WhileOtherUsersConnect_AndAFreedPlaceCanBeTaken()
    {
        await using var factory = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Limits:MaxConnectionsPerUser"] = "2" });
        await using var first = await factory.ConnectRawAsync(_user.Token).DefaultTimeout();
        await using var second = await factory.ConnectRawAsync(_user.Token).DefaultTimeout();

        await using var third = await factory.ConnectRawAsync(_user.Token).DefaultTimeout();
        var refused = await third.CompletionAsync(null).DefaultTimeout();

        Assert.True(refused.Closed, $"The connection over the cap stayed open: {refused}.");
        Assert.Contains("limit_exceeded", refused.Error ?? string.Empty, StringComparison.Ordinal);
        await using var other = await factory.ConnectRawAsync(_other.Token).DefaultTimeout();
        Assert.False(other.IsClosed);

        // Once one of the user's connections is gone, the user may open another (the server notices the close asynchronously).
        await first.DisposeAsync().DefaultTimeout();
        for (int attempt = 0; ; attempt++)
        {
            await using var again = await factory.ConnectRawAsync(_user.Token).DefaultTimeout();
            var outcome = await again.InvokeAsync("Leave", "\"held\"").DefaultTimeout();
            if (!outcome.Closed)
            {
                break;
            }

            Assert.True(attempt < 50, "The freed place was never given back.");
            await Task.Delay(100).DefaultTimeout();
        }
    }

    [Fact]
    [Trait("Promise", "security.handshake-timeout")]
    public async Task AConnectionThatNeverCompletesTheHandshake_IsClosedAfterHandshakeTimeout()
    {
        await using var factory = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Hub:HandshakeTimeout"] = "00:00:01" });
        var client = factory.Server.CreateWebSocketClient();
        using var socket = await client.ConnectAsync(TestHubConnection.WithToken(new Uri(factory.Server.BaseAddress, "hubs/docs"), _user.Token), CancellationToken.None).DefaultTimeout();

        var received = await ReceiveUntilClosedAsync(socket).DefaultTimeout();

        Assert.True(received, "The silent connection was not closed.");
    }

    [Fact]
    [Trait("Promise", "security.client-timeout-interval")]
    public async Task AConnectionSilentAfterTheHandshake_IsClosedAfterClientTimeoutInterval()
    {
        await using var factory = TestHost.Jwt(new Dictionary<string, string?>
        {
            ["CollabDocs:Hub:KeepAliveInterval"] = "00:00:01",
            ["CollabDocs:Hub:ClientTimeoutInterval"] = "00:00:02",
        });
        await using var silent = await factory.ConnectRawAsync(_user.Token).DefaultTimeout();

        var outcome = await silent.CompletionAsync(null).DefaultTimeout();

        Assert.True(outcome.Closed, $"The silent connection was not closed: {outcome}.");
    }

    [Fact]
    [Trait("Promise", "security.max-documents-created-per-hour")]
    public async Task DocumentsCreatedOverMaxDocumentsCreatedPerHour_AreRefusedWithRateLimited_ForThatUserOnly()
    {
        await using var factory = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Limits:MaxDocumentsCreatedPerHour"] = "3" });
        using var api = factory.ApiAs(_user.Token);
        for (int i = 0; i < 3; i++)
        {
            await api.CreateOkAsync($"budget-{i}").DefaultTimeout();
        }

        using var refused = await api.CreateAsync("budget-3").DefaultTimeout();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limited", await ApiClient.CodeOfAsync(refused).DefaultTimeout());
        using var missing = await api.GetAsync("/api/documents/budget-3").DefaultTimeout();
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var otherApi = factory.ApiAs(_other.Token);
        await otherApi.CreateOkAsync("budget-other").DefaultTimeout();
    }

    /// <summary>
    /// docs/security.md: the creation budget's 429 carries <c>Retry-After</c> and <c>retryAfterMs</c> like every other
    /// rate-limit refusal, and the value is right: 3 per hour refill one every 1,200 s, and a creation succeeds then.
    /// </summary>
    [Fact]
    [Trait("Promise", "security.max-documents-created-per-hour")]
    public async Task TheCreationBudgets429_CarriesRetryAfter_AndACreationSucceedsOnceThatTimeHasPassed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = TestHost.Jwt(
            new Dictionary<string, string?> { ["CollabDocs:Limits:MaxDocumentsCreatedPerHour"] = "3" },
            configureServices: services => services.AddSingleton<TimeProvider>(clock));
        using var api = factory.ApiAs(_user.Token);
        for (int i = 0; i < 3; i++)
        {
            await api.CreateOkAsync($"hint-{i}").DefaultTimeout();
        }

        using var refused = await api.CreateAsync("hint-3").DefaultTimeout();
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1200), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(1_200_000, problem.GetProperty("retryAfterMs").GetInt32());

        clock.Advance(TimeSpan.FromSeconds(1199));
        using var early = await api.CreateAsync("hint-3").DefaultTimeout();
        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), early.Headers.RetryAfter?.Delta);

        clock.Advance(TimeSpan.FromSeconds(1));
        await api.CreateOkAsync("hint-3").DefaultTimeout();
    }

    /// <summary>
    /// docs/security.md: new documents are also budgeted per user and second (UserNewDocuments), so that the hourly count
    /// cannot be spent at once; a refusal creates nothing and spends none of the hourly count, and other users keep
    /// their own budget.
    /// </summary>
    [Fact]
    [Trait("Promise", "security.rate-user-new-documents")]
    public async Task NewDocuments_FasterThanTheUsersRate_AreRefusedWithRateLimited_UntilItRefills()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = TestHost.Jwt(
            new Dictionary<string, string?>
            {
                ["CollabDocs:Limits:MaxDocumentsCreatedPerHour"] = "4",
                ["CollabDocs:RateLimits:UserNewDocuments:Burst"] = "2",
                ["CollabDocs:RateLimits:UserNewDocuments:PermitsPerSecond"] = "1",
            },
            configureServices: services => services.AddSingleton<TimeProvider>(clock));
        using var api = factory.ApiAs(_user.Token);
        await api.CreateOkAsync("rate-0").DefaultTimeout();
        await api.CreateOkAsync("rate-1").DefaultTimeout();

        using var refused = await api.CreateAsync("rate-2").DefaultTimeout();
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.Equal(1_000, problem.GetProperty("retryAfterMs").GetInt32());
        using var missing = await api.GetAsync("/api/documents/rate-2").DefaultTimeout();
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var otherApi = factory.ApiAs(_other.Token);
        await otherApi.CreateOkAsync("rate-other").DefaultTimeout();

        // The refusal spent none of the hourly four: two more fit once the rate allows them.
        clock.Advance(TimeSpan.FromSeconds(1));
        await api.CreateOkAsync("rate-2").DefaultTimeout();
        clock.Advance(TimeSpan.FromSeconds(1));
        await api.CreateOkAsync("rate-3").DefaultTimeout();
        clock.Advance(TimeSpan.FromSeconds(1));
        using var hourly = await api.CreateAsync("rate-4").DefaultTimeout();
        var hourlyProblem = await hourly.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();
        Assert.Equal(HttpStatusCode.TooManyRequests, hourly.StatusCode);
        Assert.Contains("per hour", hourlyProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// docs/security.md: the characters of new documents' texts are budgeted per user (UserNewDocumentCharacters), so a
    /// burst of large documents is spread out; a refusal creates nothing and spends none of the hourly count, a text
    /// longer than the whole burst is allowed when the bucket is full, and other users keep their own budget.
    /// </summary>
    [Fact]
    [Trait("Promise", "security.rate-user-new-document-characters")]
    public async Task NewDocumentsCharacters_OverTheUsersBudget_AreRefusedWithRateLimited_UntilItRefills()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = TestHost.Jwt(
            new Dictionary<string, string?>
            {
                ["CollabDocs:Limits:MaxDocumentsCreatedPerHour"] = "4",
                ["CollabDocs:RateLimits:UserNewDocumentCharacters:Burst"] = "1000",
                ["CollabDocs:RateLimits:UserNewDocumentCharacters:PermitsPerSecond"] = "100",
            },
            configureServices: services => services.AddSingleton<TimeProvider>(clock));
        using var api = factory.ApiAs(_user.Token);
        await api.CreateOkAsync("chars-0", new string('a', 600)).DefaultTimeout();

        using var refused = await api.CreateAsync("chars-1", new string('b', 600)).DefaultTimeout();
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.Equal(2_000, problem.GetProperty("retryAfterMs").GetInt32()); // 200 characters missing at 100 a second
        using var missing = await api.GetAsync("/api/documents/chars-1").DefaultTimeout();
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var otherApi = factory.ApiAs(_other.Token);
        await otherApi.CreateOkAsync("chars-other", new string('c', 600)).DefaultTimeout();

        clock.Advance(TimeSpan.FromSeconds(2));
        await api.CreateOkAsync("chars-1", new string('b', 600)).DefaultTimeout();

        // Larger than the burst: allowed once the bucket is full again, which leaves it in debt.
        clock.Advance(TimeSpan.FromSeconds(10));
        await api.CreateOkAsync("chars-2", new string('d', 1500)).DefaultTimeout();
        using var inDebt = await api.CreateAsync("chars-3", "e").DefaultTimeout();
        Assert.Equal(HttpStatusCode.TooManyRequests, inDebt.StatusCode);

        // Three creations so far: the refusals spent none of the hourly four.
        clock.Advance(TimeSpan.FromSeconds(6));
        await api.CreateOkAsync("chars-3", "e").DefaultTimeout();
    }

    /// <summary>Reads until the server closes the socket; true when it did.</summary>
    private static async Task<bool> ReceiveUntilClosedAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        while (true)
        {
            try
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None).DefaultTimeout();
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is WebSocketException or IOException)
            {
                return true;
            }
        }
    }
}
