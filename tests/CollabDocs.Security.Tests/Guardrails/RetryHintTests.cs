using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary><c>rate_limited</c> carries its retry hint as a JSON field after the code (docs/protocol.md), on the server's clock.</summary>
public sealed class RetryHintTests : FakeClockJwtHostTests
{
    private readonly TestUser _ada = TestUser.Named("Ada");

    public RetryHintTests()
        : base(new Dictionary<string, string?>
        {
            ["CollabDocs:RateLimits:ConnectionSubmits:PermitsPerSecond"] = "4",
            ["CollabDocs:RateLimits:ConnectionSubmits:Burst"] = "1",
        })
    {
    }

    [Fact]
    [Trait("Promise", "protocol.rate-limited-retry-after")]
    public async Task RateLimited_CarriesRetryAfterMs_AsAJsonField_ThatTheServerHonours()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("hint").DefaultTimeout();
        await using var ada = await Host.ConnectAsync(_ada.Token).DefaultTimeout();
        await ada.SubmitAsync("hint", 0, new object[] { "a" }, "ada", 1).DefaultTimeout();

        var error = await Assert.ThrowsAsync<HubException>(() => ada.SubmitAsync("hint", 1, new object[] { 1, "b" }, "ada", 2)).DefaultTimeout();
        string marker = "rate_limited: ";
        using var detail = JsonDocument.Parse(error.Message[(error.Message.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..]);
        int retryAfterMs = detail.RootElement.GetProperty("retryAfterMs").GetInt32();
        string message = detail.RootElement.GetProperty("message").GetString()!;

        Clock.Advance(TimeSpan.FromMilliseconds(retryAfterMs / 2));
        string early = await TestHubClient.ErrorCodeAsync(ada.SubmitAsync("hint", 1, new object[] { 1, "b" }, "ada", 2)).DefaultTimeout();
        Clock.Advance(TimeSpan.FromMilliseconds(retryAfterMs - (retryAfterMs / 2)));
        int revision = await ada.SubmitAsync("hint", 1, new object[] { 1, "b" }, "ada", 2).DefaultTimeout();

        Assert.Equal(250, retryAfterMs);
        Assert.Contains("Too many submits from this connection", message, StringComparison.Ordinal);
        Assert.Equal("rate_limited", early);
        Assert.Equal(2, revision);
    }
}
