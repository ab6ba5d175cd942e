using CollabDocs.Client.Tests.Infrastructure;
using CollabDocs.Ot;
using CollabDocs.Protocol;

namespace CollabDocs.Client.Tests;

/// <summary>Calls the server refuses for a while (<c>rate_limited</c>) are retried with the same seq.</summary>
public sealed class RetryTests(ITestOutputHelper output) : ClientTest(output)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:RateLimits:Enabled"] = "true",
        ["CollabDocs:RateLimits:ConnectionSubmits:PermitsPerSecond"] = "20",
        ["CollabDocs:RateLimits:ConnectionSubmits:Burst"] = "2",
    };

    [Fact]
    public async Task RateLimitedSubmits_AreRetriedAfterTheServersHint_AndEveryEditArrivesOnce()
    {
        string id = await CreateDocumentAsync(string.Empty).DefaultTimeout();
        var (client, _) = NewClient();
        var document = await client.OpenAsync(id).DefaultTimeout();
        var refusals = new System.Collections.Concurrent.ConcurrentQueue<CollabDocsException>();
        document.Error += (_, e) => refusals.Enqueue(e.Error);

        var expected = new System.Text.StringBuilder();
        for (int i = 0; i < 30; i++)
        {
            string line = $"{i} 😀\n";
            expected.Append(line);
            document.Edit(text => TextOperation.Splice(text.Length, text.Length, 0, line));
            await document.WhenSynchronizedAsync().DefaultTimeout();
        }

        Assert.NotEmpty(refusals);
        Assert.All(refusals, e => Assert.Equal(ErrorCodes.RateLimited, e.Code));
        Assert.All(refusals, e => Assert.NotNull(e.RetryAfter));
        Assert.Equal((30, expected.ToString()), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal(Enumerable.Range(1, 30), (await GetLogAsync(id).DefaultTimeout()).Select(e => e.Seq));
    }
}
