using System.Net;
using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// The HTTP API's 429 hint: <c>retryAfterMs</c> is one refill period of the caller's bucket (here 0.5 permits a second,
/// so 2,000 ms) for the one permit a request misses, and <c>Retry-After</c> the same in whole seconds.
/// </summary>
public sealed class HttpRetryHintTests : IAsyncDisposable
{
    private readonly TestHost _factory = TestHost.Jwt(new Dictionary<string, string?>
    {
        ["CollabDocs:RateLimits:HttpReads:PermitsPerSecond"] = "0.5",
        ["CollabDocs:RateLimits:HttpReads:Burst"] = "1",
    });

    private readonly TestUser _ada = TestUser.Named("Ada");

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    [Trait("Promise", "protocol.http-retry-after-ms")]
    public async Task ARefusedRead_IsToldOneRefillPeriod_InMillisecondsAndInWholeSeconds()
    {
        using var api = _factory.ApiAs(_ada.Token);
        await api.CreateOkAsync("hinted", "hi").DefaultTimeout();

        // The bucket holds one read; a refill may come between two reads, so read until one is refused.
        HttpResponseMessage? refused = null;
        for (int attempt = 0; attempt < 20 && refused is null; attempt++)
        {
            var response = await api.Http.GetAsync("/api/documents/hinted/text?revision=0").DefaultTimeout();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync().DefaultTimeout());
            Assert.Equal("rate_limited", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal(2000, problem.RootElement.GetProperty("retryAfterMs").GetInt64());
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        }
    }
}
