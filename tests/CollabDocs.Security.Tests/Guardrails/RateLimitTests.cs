using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>Hub rate limits on the server's <see cref="TimeProvider"/>: per connection, per document, typed errors.</summary>
public sealed class RateLimitTests : FakeClockJwtHostTests
{
    private readonly TestUser _ada = TestUser.Named("Ada");
    private readonly TestUser _grace = TestUser.Named("Grace");

    public RateLimitTests()
        : base(new Dictionary<string, string?>
        {
            ["CollabDocs:RateLimits:ConnectionSubmits:PermitsPerSecond"] = "1",
            ["CollabDocs:RateLimits:ConnectionSubmits:Burst"] = "3",
            ["CollabDocs:RateLimits:DocumentSubmits:PermitsPerSecond"] = "1",
            ["CollabDocs:RateLimits:DocumentSubmits:Burst"] = "5",
            ["CollabDocs:RateLimits:ConnectionPresence:PermitsPerSecond"] = "1",
            ["CollabDocs:RateLimits:ConnectionPresence:Burst"] = "2",
            ["CollabDocs:RateLimits:DocumentPresence:PermitsPerSecond"] = "1",
            ["CollabDocs:RateLimits:DocumentPresence:Burst"] = "3",
            ["CollabDocs:RateLimits:ConnectionRequests:PermitsPerSecond"] = "1",
            ["CollabDocs:RateLimits:ConnectionRequests:Burst"] = "3",
        })
    {
    }

    [Fact]
    [Trait("Promise", "security.rate-connection-submits")]
    public async Task SubmitsOverTheConnectionLimit_AreRateLimited_AndChangeNothing_UntilTimePasses()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("limited").DefaultTimeout();
        await api.SetRoleOkAsync("limited", _grace.Id, "editor").DefaultTimeout();
        await using var ada = await Host.ConnectAsync(_ada.Token).DefaultTimeout();
        await using var grace = await Host.ConnectAsync(_grace.Token).DefaultTimeout();

        for (int seq = 1; seq <= 3; seq++)
        {
            await ada.SubmitAsync("limited", seq - 1, seq == 1 ? new object[] { "a" } : new object[] { seq - 1, "a" }, "ada", seq).DefaultTimeout();
        }

        string limited = await TestHubClient.ErrorCodeAsync(ada.SubmitAsync("limited", 3, new object[] { 3, "a" }, "ada", 4)).DefaultTimeout();
        int graceRevision = await grace.SubmitAsync("limited", 3, new object[] { 3, "g" }, "grace", 1).DefaultTimeout();
        Clock.Advance(TimeSpan.FromSeconds(1));
        int adaRevision = await ada.SubmitAsync("limited", 4, new object[] { 4, "a" }, "ada", 4).DefaultTimeout();

        Assert.Equal("rate_limited", limited);
        Assert.Equal(4, graceRevision);
        Assert.Equal(5, adaRevision);
        Assert.Equal("aaaga", (await api.GetJsonAsync("/api/documents/limited").DefaultTimeout()).GetProperty("text").GetString());
    }

    [Fact]
    [Trait("Promise", "security.rate-document-submits")]
    public async Task SubmitsOverTheDocumentLimit_AreRateLimited_ForEveryConnection()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("busy").DefaultTimeout();
        await using var first = await Host.ConnectAsync(_ada.Token).DefaultTimeout();
        await using var second = await Host.ConnectAsync(_ada.Token).DefaultTimeout();

        // The connection limit (3) refuses first; the document limit (5) then refuses the second connection's third.
        var codes = new List<string>();
        int revision = 0;
        foreach (var (client, id) in new[] { (first, "one"), (first, "one"), (first, "one"), (first, "one"), (second, "two"), (second, "two"), (second, "two") })
        {
            try
            {
                revision = await client.SubmitAsync("busy", revision, revision == 0 ? new object[] { "x" } : new object[] { revision, "x" }, id, revision + 1).DefaultTimeout();
                codes.Add("ok");
            }
            catch (Microsoft.AspNetCore.SignalR.HubException ex)
            {
                codes.Add(TestHubClient.CodeOf(ex.Message));
            }
        }

        Assert.Equal(["ok", "ok", "ok", "rate_limited", "ok", "ok", "rate_limited"], codes);
        Assert.Equal(5, (await api.GetJsonAsync("/api/documents/busy").DefaultTimeout()).GetProperty("revision").GetInt32());
    }

    [Fact]
    [Trait("Promise", "security.rate-connection-presence")]
    public async Task PresenceOverTheLimit_IsRateLimited()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("cursor", "hello").DefaultTimeout();
        await using var ada = await Host.ConnectAsync(_ada.Token).DefaultTimeout();
        await ada.Json.JoinAsync("cursor").DefaultTimeout();

        await ada.UpdatePresenceAsync("cursor", 0, new { anchor = 0, head = 1 }).DefaultTimeout();
        await ada.UpdatePresenceAsync("cursor", 0, new { anchor = 0, head = 2 }).DefaultTimeout();
        string code = await TestHubClient.ErrorCodeAsync(ada.UpdatePresenceAsync("cursor", 0, new { anchor = 0, head = 3 })).DefaultTimeout();
        Clock.Advance(TimeSpan.FromSeconds(1));
        await ada.UpdatePresenceAsync("cursor", 0, new { anchor = 0, head = 4 }).DefaultTimeout();

        Assert.Equal("rate_limited", code);
    }

    [Fact]
    [Trait("Promise", "security.rate-document-presence")]
    public async Task PresenceOverTheDocumentLimit_IsRateLimited_EvenForAConnectionUnderItsOwn()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("crowded", "hello").DefaultTimeout();
        await using var first = await Host.ConnectAsync(_ada.Token).DefaultTimeout();
        await using var second = await Host.ConnectAsync(_ada.Token).DefaultTimeout();
        await first.Json.JoinAsync("crowded").DefaultTimeout();
        await second.Json.JoinAsync("crowded").DefaultTimeout();

        // Each connection may send 2; the document takes 3 from all of them together.
        await first.UpdatePresenceAsync("crowded", 0, new { anchor = 0, head = 1 }).DefaultTimeout();
        await first.UpdatePresenceAsync("crowded", 0, new { anchor = 0, head = 2 }).DefaultTimeout();
        await second.UpdatePresenceAsync("crowded", 0, new { anchor = 1, head = 1 }).DefaultTimeout();
        string code = await TestHubClient.ErrorCodeAsync(second.UpdatePresenceAsync("crowded", 0, new { anchor = 2, head = 2 })).DefaultTimeout();
        Clock.Advance(TimeSpan.FromSeconds(1));
        await second.UpdatePresenceAsync("crowded", 0, new { anchor = 3, head = 3 }).DefaultTimeout();

        Assert.Equal("rate_limited", code);
    }

    [Fact]
    [Trait("Promise", "security.rate-connection-requests")]
    public async Task OtherHubCallsOverTheConnectionLimit_AreRateLimited_OnlyForThatConnection()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("reads", "hello").DefaultTimeout();
        await using var reader = await Host.ConnectAsync(_ada.Token).DefaultTimeout();
        await using var other = await Host.ConnectAsync(_ada.Token).DefaultTimeout();

        // Join, GetOperations and Leave share one bucket of 3 per connection.
        await reader.Json.JoinAsync("reads").DefaultTimeout();
        await reader.Json.GetOperationsAsync("reads", 0).DefaultTimeout();
        await reader.Json.GetOperationsAsync("reads", 0).DefaultTimeout();
        string fetch = await TestHubClient.ErrorCodeAsync(reader.Json.GetOperationsAsync("reads", 0)).DefaultTimeout();
        string leave = await TestHubClient.ErrorCodeAsync(reader.InvokeAsync("Leave", "reads")).DefaultTimeout();
        var joined = await other.Json.JoinAsync("reads").DefaultTimeout();
        Clock.Advance(TimeSpan.FromSeconds(1));
        await reader.Json.GetOperationsAsync("reads", 0).DefaultTimeout();

        Assert.Equal("rate_limited", fetch);
        Assert.Equal("rate_limited", leave);
        Assert.Equal("hello", joined.GetProperty("text").GetString());
    }
}
