using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary>
/// docs/protocol.md, <c>GetEvents</c>: when idle for <c>CollabDocs:Feeds:KeepAliveInterval</c>, a feed reads the log for
/// commits made by other nodes. Two servers on one SQLite file are two nodes that never tell each other of a commit:
/// only that read can bring the other node's revisions into this node's feed.
/// </summary>
public sealed class ChangeFeedNodesTests(ITestOutputHelper output) : ServerTest(output)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Feeds:KeepAliveInterval"] = "00:00:00.300",
    };

    [Fact]
    [Trait("Promise", "protocol.feed-follows-other-nodes")]
    public async Task AFeedOnOneNode_ReceivesTheOtherNodesCommits_InOrderAndOnce_BesideItsOwn()
    {
        var other = StartServer();
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        await using var feed = await EventStreamReader.OpenAsync(Api.Http, id).DefaultTimeout();
        using var otherHttp = other.CreateClient();

        await SubmitAsync(otherHttp, id, 0, [3, "1"], "other", 1).DefaultTimeout();
        await SubmitAsync(otherHttp, id, 1, [4, "2"], "other", 2).DefaultTimeout();
        var first = await feed.ReadEventAsync().DefaultTimeout();
        var second = await feed.ReadEventAsync().DefaultTimeout();
        await SubmitAsync(Api.Http, id, 0, [3, "3"], "this", 1).DefaultTimeout();
        var third = await feed.ReadEventAsync().DefaultTimeout();

        var events = new[] { first, second, third };
        Assert.All(events, e => Assert.Equal("operation", e.Event));
        Assert.Equal(["1", "2", "3"], events.Select(e => e.Id));
        Assert.Equal(["other", "other", "this"], events.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("clientId").GetString()));
    }

    private static async Task SubmitAsync(HttpClient http, string id, int baseRevision, object[] operation, string clientId, int seq)
    {
        using var response = await http.PostAsJsonAsync($"/api/documents/{id}/operations", new { baseRevision, operation, clientId, seq }).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
