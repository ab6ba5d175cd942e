using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Protocol;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary>docs/protocol.md, <c>GetEvents</c>: the forms of resuming a feed, and which events carry the checksum.</summary>
public sealed class ChangeFeedResumeTests(ITestOutputHelper output) : ServerTest(output)
{
    [Fact]
    [Trait("Promise", "protocol.feed-resume-forms")]
    public async Task TheQueryLastEventId_ResumesLikeTheHeader_ZeroReplaysAll_AndOnlyLiveEventsCarryTheChecksum()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        await SubmitAsync(id, 0, [3, "1"], 1).DefaultTimeout();
        await SubmitAsync(id, 1, [4, "2"], 2).DefaultTimeout();
        await using var fromQuery = await EventStreamReader.OpenAsync(Api.Http, id, presence: true, query: "lastEventId=1").DefaultTimeout();
        await using var fromZero = await EventStreamReader.OpenAsync(Api.Http, id, lastEventId: "0", presence: true).DefaultTimeout();

        var replayedFromQuery = await fromQuery.ReadEventAsync().DefaultTimeout();
        var replayedFromZero = new[] { await fromZero.ReadEventAsync().DefaultTimeout(), await fromZero.ReadEventAsync().DefaultTimeout() };

        // A feed sends presence only once its replay from the log is over: after this, a commit reaches it live, not
        // through a last read of the log (an operation committed while the replay runs is sent as replayed).
        var editor = await ConnectAsync().DefaultTimeout();
        await editor.JoinAsync(id).DefaultTimeout();
        await editor.UpdatePresenceAsync(id, 2, new RangeMessage(1, 1)).DefaultTimeout();
        await NextAsync(fromQuery, "presence").DefaultTimeout();
        await NextAsync(fromZero, "presence").DefaultTimeout();

        await SubmitAsync(id, 2, [5, "3"], 3).DefaultTimeout();
        var live = new[] { await NextAsync(fromQuery, "operation").DefaultTimeout(), await NextAsync(fromZero, "operation").DefaultTimeout() };

        Assert.Equal(("operation", "2"), (replayedFromQuery.Event, replayedFromQuery.Id));
        Assert.Equal(["1", "2"], replayedFromZero.Select(e => e.Id));
        Assert.All(replayedFromZero.Append(replayedFromQuery), e => Assert.Equal(JsonValueKind.Null, Checksum(e.Data).ValueKind));
        Assert.All(live, e => Assert.Equal("3", e.Id));
        Assert.All(live, e => Assert.Equal(Fnv1a("abc123"), Checksum(e.Data).GetUInt32()));
    }

    private static async Task<(string Event, string? Id, string Data)> NextAsync(EventStreamReader feed, string eventName)
    {
        (string Event, string? Id, string Data) next;
        do
        {
            next = await feed.ReadEventAsync().DefaultTimeout();
        }
        while (next.Event != eventName);

        return next;
    }

    private static JsonElement Checksum(string data) => JsonDocument.Parse(data).RootElement.GetProperty("checksum").Clone();

    /// <summary>docs/protocol.md, Checksums: FNV-1a, 32 bits, over the UTF-16LE bytes of the text.</summary>
    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ (byte)(c & 0xff)) * 16777619;
            hash = (hash ^ (byte)(c >> 8)) * 16777619;
        }

        return hash;
    }

    private async Task SubmitAsync(string id, int baseRevision, object[] operation, int seq)
    {
        using var response = await Api.Http.PostAsJsonAsync($"/api/documents/{id}/operations", new { baseRevision, operation, clientId = "writer", seq }).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
