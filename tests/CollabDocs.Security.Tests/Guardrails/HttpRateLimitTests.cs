using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// The HTTP API's limits per caller (ASP.NET Core's rate limiting middleware): buckets of 3 that refill one permit an
/// hour, so the fourth call within the test is refused whatever the machine's speed, and another user is not.
/// </summary>
public sealed class HttpRateLimitTests : IAsyncDisposable
{
    private static readonly Dictionary<string, string?> Buckets = new()
    {
        ["CollabDocs:RateLimits:HttpReads:PermitsPerSecond"] = "0.000277778",
        ["CollabDocs:RateLimits:HttpReads:Burst"] = "3",
        ["CollabDocs:RateLimits:HttpEdits:PermitsPerSecond"] = "0.000277778",
        ["CollabDocs:RateLimits:HttpEdits:Burst"] = "3",
    };

    private readonly TestUser _ada = TestUser.Named("Ada");
    private readonly TestUser _grace = TestUser.Named("Grace");
    private TestHost _factory = TestHost.Jwt(Buckets);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    [Trait("Promise", "security.rate-http-reads")]
    public async Task Reads_TheFourthOfACaller_IsRefusedWith429AndARetryHint_AnotherUserIsNot()
    {
        using var ada = _factory.ApiAs(_ada.Token);
        using var grace = _factory.ApiAs(_grace.Token);
        await ada.CreateOkAsync("reads", "abc").DefaultTimeout();
        await ada.SetRoleOkAsync("reads", _grace.Id, "viewer").DefaultTimeout();

        // Every read endpoint draws on the same bucket of the caller.
        foreach (string path in new[] { "/api/documents/reads/text?revision=0", "/api/documents/reads/operations?from=0", "/api/documents/reads/authors" })
        {
            using var allowed = await ada.GetAsync(path).DefaultTimeout();
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await ada.GetAsync("/api/documents/reads/text").DefaultTimeout();
        using var events = await ada.GetAsync("/api/documents/reads/events").DefaultTimeout();
        using var other = await grace.GetAsync("/api/documents/reads/text").DefaultTimeout();

        long retryAfterMs = await AssertRateLimitedAsync(refused).DefaultTimeout();
        Assert.InRange(retryAfterMs, 60_000, 2 * 3_600_000);
        await AssertRateLimitedAsync(events).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        // Reading the document (not one of the limited endpoints) is unaffected.
        Assert.Equal("abc", (await ada.GetJsonAsync("/api/documents/reads").DefaultTimeout()).GetProperty("text").GetString());
    }

    [Fact]
    [Trait("Promise", "security.rate-http-edits")]
    [Trait("Promise", "protocol.http-429-does-nothing")]
    public async Task Edits_TheFourthOfACaller_IsRefusedAndChangesNothing_AnotherUserStillEdits()
    {
        using var ada = _factory.ApiAs(_ada.Token);
        using var grace = _factory.ApiAs(_grace.Token);
        await ada.CreateOkAsync("edits", "").DefaultTimeout();
        await ada.SetRoleOkAsync("edits", _grace.Id, "editor").DefaultTimeout();

        using (var first = await ada.Http.PostAsJsonAsync("/api/documents/edits/operations", new { baseRevision = 0, operation = new object[] { "a" }, clientId = "ada-bot", seq = 1 }).DefaultTimeout())
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        foreach (string text in new[] { "ab", "abc" })
        {
            using var put = await ada.Http.PutAsJsonAsync("/api/documents/edits/text", new { text }).DefaultTimeout();
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var refused = await ada.Http.PutAsJsonAsync("/api/documents/edits/text", new { text = "abcd" }).DefaultTimeout();
        using var refusedSubmit = await ada.Http.PostAsJsonAsync("/api/documents/edits/operations", new { baseRevision = 3, operation = new object[] { 3, "!" }, clientId = "ada-bot", seq = 2 }).DefaultTimeout();
        using var other = await grace.Http.PutAsJsonAsync("/api/documents/edits/text", new { text = "abc, said Grace" }).DefaultTimeout();

        await AssertRateLimitedAsync(refused).DefaultTimeout();
        await AssertRateLimitedAsync(refusedSubmit).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var document = await ada.GetJsonAsync("/api/documents/edits").DefaultTimeout();
        Assert.Equal((4, "abc, said Grace"), (document.GetProperty("revision").GetInt32(), document.GetProperty("text").GetString()));
    }

    [Fact]
    [Trait("Promise", "security.rate-limits-can-be-disabled")]
    public async Task Disabled_NothingIsRefused()
    {
        await _factory.DisposeAsync();
        _factory = TestHost.Jwt(new Dictionary<string, string?>(Buckets) { ["CollabDocs:RateLimits:Enabled"] = "false" });
        using var ada = _factory.ApiAs(_ada.Token);
        await ada.CreateOkAsync("open", "abc").DefaultTimeout();

        for (int i = 0; i < 10; i++)
        {
            using var response = await ada.GetAsync("/api/documents/open/authors").DefaultTimeout();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>429 with the API's problem shape, <c>code: rate_limited</c>, and the hint as a header and a field that agree; returns the hint.</summary>
    private static async Task<long> AssertRateLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().DefaultTimeout());
        var problem = body.RootElement;
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.Equal("rate_limited", problem.GetProperty("title").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("retry in", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        long retryAfterMs = problem.GetProperty("retryAfterMs").GetInt64();
        var header = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(header);
        Assert.Equal((retryAfterMs + 999) / 1000, (long)header.Value.TotalSeconds);
        return retryAfterMs;
    }
}
