using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// Issue 10: the role is checked before a document's shared rate budget is spent, so a user without a
/// role flooding from many connections spends only those connections' budgets, never the editors'.
/// </summary>
public sealed class StrangerBudgetTests : FakeClockJwtHostTests
{
    private const int StrangerConnections = 6;

    private readonly TestUser _ada = TestUser.Named("Ada");
    private readonly TestUser _mallory = TestUser.Named("Mallory");

    public StrangerBudgetTests()
        : base(new Dictionary<string, string?>
        {
            ["CollabDocs:RateLimits:ConnectionSubmits:PermitsPerSecond"] = "1",
            ["CollabDocs:RateLimits:ConnectionSubmits:Burst"] = "3",
            ["CollabDocs:RateLimits:DocumentSubmits:PermitsPerSecond"] = "1",
            ["CollabDocs:RateLimits:DocumentSubmits:Burst"] = "5",
            ["CollabDocs:RateLimits:ConnectionPresence:PermitsPerSecond"] = "1",
            ["CollabDocs:RateLimits:ConnectionPresence:Burst"] = "3",
            ["CollabDocs:RateLimits:DocumentPresence:PermitsPerSecond"] = "1",
            ["CollabDocs:RateLimits:DocumentPresence:Burst"] = "5",
        })
    {
    }

    [Fact]
    [Trait("Promise", "security.stranger-spends-own-budget")]
    public async Task StrangerFloodingSubmitAndPresence_FromManyConnections_LeavesTheEditorsBudgetWhole()
    {
        using var api = Host.ApiAs(_ada.Token);
        await api.CreateOkAsync("guarded").DefaultTimeout();
        await using var ada = await Host.ConnectAsync(_ada.Token).DefaultTimeout();
        await ada.Json.JoinAsync("guarded").DefaultTimeout();

        var strangerCodes = new List<string>();
        for (int c = 0; c < StrangerConnections; c++)
        {
            await using var mallory = await Host.ConnectAsync(_mallory.Token).DefaultTimeout();
            for (int i = 0; i < 4; i++)
            {
                strangerCodes.Add(await TestHubClient.ErrorCodeAsync(mallory.SubmitAsync("guarded", 0, new object[] { "spam" }, $"m{c}", i + 1)).DefaultTimeout());
                strangerCodes.Add(await TestHubClient.ErrorCodeAsync(mallory.UpdatePresenceAsync("guarded", 0, new { anchor = 0, head = 0 })).DefaultTimeout());
            }
        }

        // Ada's own connection budget (3) is the only limit she meets; the document's (5) is untouched.
        int revision = 0;
        for (int seq = 1; seq <= 3; seq++)
        {
            revision = await ada.SubmitAsync("guarded", revision, revision == 0 ? new object[] { "a" } : new object[] { revision, "a" }, "ada", seq).DefaultTimeout();
            await ada.UpdatePresenceAsync("guarded", revision, new { anchor = 0, head = revision }).DefaultTimeout();
        }

        Assert.Equal(3, revision);
        Assert.DoesNotContain(strangerCodes, code => code is not ("forbidden" or "invalid_argument" or "rate_limited"));
        // Each stranger connection was refused for its role until its own budget ran out, then rate limited.
        Assert.Equal(StrangerConnections * 6, strangerCodes.Count(code => code is "forbidden" or "invalid_argument"));
        Assert.Equal("aaa", (await api.GetJsonAsync("/api/documents/guarded").DefaultTimeout()).GetProperty("text").GetString());
    }
}
