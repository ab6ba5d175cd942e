using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// Issue 10: a <c>Submit</c> is charged its work (components plus characters inserted and deleted) per connection and
/// per user before it is parsed, so large operations at a permitted call rate cannot take the server's CPU.
/// </summary>
public sealed class WorkBudgetTests : FakeClockJwtHostTests
{
    private readonly TestUser _ada = TestUser.Named("Ada");

    public WorkBudgetTests()
        : base(new Dictionary<string, string?>
        {
            ["CollabDocs:RateLimits:ConnectionSubmitWork:PermitsPerSecond"] = "100",
            ["CollabDocs:RateLimits:ConnectionSubmitWork:Burst"] = "1000",
            ["CollabDocs:RateLimits:UserSubmitWork:PermitsPerSecond"] = "100",
            ["CollabDocs:RateLimits:UserSubmitWork:Burst"] = "1500",
        })
    {
    }

    [Fact]
    [Trait("Promise", "security.rate-connection-submit-work")]
    public async Task AnOperationLargerThanTheBurst_IsAcceptedOnAFullBucket_ThenTheConnectionWaitsForItsRetryHint()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("paste").DefaultTimeout();
        await using var ada = await Host.ConnectAsync(_ada.Token).DefaultTimeout();

        // 1,200 characters + 1 component: more than the connection's whole burst (1,000), allowed because it is full.
        int revision = await ada.SubmitAsync("paste", 0, new object[] { new string('p', 1200) }, "ada", 1).DefaultTimeout();
        var error = await Assert.ThrowsAsync<HubException>(() => ada.SubmitAsync("paste", 1, new object[] { 1200, "b" }, "ada", 2)).DefaultTimeout();
        int retryAfterMs = RetryAfterMs(error);

        // The bucket is 201 in debt: the 3 units of the next edit are back after 2.04 s at 100 a second.
        Clock.Advance(TimeSpan.FromMilliseconds(retryAfterMs));
        int next = await ada.SubmitAsync("paste", 1, new object[] { 1200, "b" }, "ada", 2).DefaultTimeout();

        Assert.Equal(1, revision);
        Assert.StartsWith("rate_limited", error.Message[(error.Message.IndexOf("rate_limited", StringComparison.Ordinal))..], StringComparison.Ordinal);
        Assert.InRange(retryAfterMs, 2000, 2050);
        Assert.Equal(2, next);
        Assert.Equal(new string('p', 1200) + "b", (await api.GetJsonAsync("/api/documents/paste").DefaultTimeout()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task DeletedCharactersCount_AndAnOverBudgetCall_IsRefusedBeforeItsOperationIsRead()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("deletes", new string('d', 900)).DefaultTimeout();
        await using var ada = await Host.ConnectAsync(_ada.Token).DefaultTimeout();

        // 900 deleted + 1 component fits the burst of 1,000; the next 100-character insert does not (99 left).
        int revision = await ada.SubmitAsync("deletes", 0, new object[] { -900 }, "ada", 1).DefaultTimeout();
        string over = await TestHubClient.ErrorCodeAsync(ada.SubmitAsync("deletes", 1, new object[] { new string('x', 100) }, "ada", 2)).DefaultTimeout();
        // Drain what is left (98 + 1), then a malformed operation is refused for the budget, not parsed.
        await ada.SubmitAsync("deletes", 1, new object[] { new string('y', 98) }, "ada", 2).DefaultTimeout();
        string malformed = await TestHubClient.ErrorCodeAsync(ada.SubmitAsync("deletes", 2, new object[] { 1.5 }, "ada", 3)).DefaultTimeout();

        Assert.Equal(1, revision);
        Assert.Equal("rate_limited", over);
        Assert.Equal("rate_limited", malformed);
        Assert.Equal(new string('y', 98), (await api.GetJsonAsync("/api/documents/deletes").DefaultTimeout()).GetProperty("text").GetString());
    }

    [Fact]
    [Trait("Promise", "security.rate-user-submit-work")]
    public async Task TheUsersBudget_IsSharedByAllItsConnections()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("shared").DefaultTimeout();
        await using var first = await Host.ConnectAsync(_ada.Token).DefaultTimeout();
        await using var second = await Host.ConnectAsync(_ada.Token).DefaultTimeout();

        // 800 + 1 from each connection: each is within its own burst (1,000), together over the user's (1,500).
        int revision = await first.SubmitAsync("shared", 0, new object[] { new string('a', 800) }, "first", 1).DefaultTimeout();
        string refused = await TestHubClient.ErrorCodeAsync(second.SubmitAsync("shared", revision, new object[] { 800, new string('b', 800) }, "second", 1)).DefaultTimeout();
        Clock.Advance(TimeSpan.FromSeconds(2));
        int later = await second.SubmitAsync("shared", revision, new object[] { 800, new string('b', 800) }, "second", 1).DefaultTimeout();

        Assert.Equal("rate_limited", refused);
        Assert.Equal(2, later);
    }

    private static int RetryAfterMs(HubException error)
    {
        const string Marker = "rate_limited: ";
        using var detail = JsonDocument.Parse(error.Message[(error.Message.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..]);
        return detail.RootElement.GetProperty("retryAfterMs").GetInt32();
    }
}
