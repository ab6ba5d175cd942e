using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>Edge cases that docs/protocol.md promises in one line each.</summary>
public sealed class ProtocolEdgeTests(ITestOutputHelper output) : ServerTest(output)
{
    /// <summary>docs/protocol.md, Submit: "A no-op (only retains) is committed like any other operation."</summary>
    [Fact]
    [Trait("Promise", "protocol.noop-committed")]
    [Trait("Promise", "protocol.submit-without-join")]
    public async Task NoOpSubmit_IsCommitted_AsItsOwnRevision_AndBroadcast()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        var reader = await ConnectAsync().DefaultTimeout();
        await reader.JoinAsync(id).DefaultTimeout();

        Assert.Equal(1, await writer.SubmitAsync(id, 0, TextOperation.Identity(3), seq: 1).DefaultTimeout());

        var broadcast = await reader.Operations.ReadAsync().DefaultTimeout();
        Assert.Equal((1, writer.ClientId, 1), (broadcast.Revision, broadcast.ClientId, broadcast.Seq));
        Assert.Equal("[3]", OperationJson(broadcast.Operation));
        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal([1], log.Select(o => o.Revision));
        Assert.Equal((1, "abc"), await GetDocumentAsync(id).DefaultTimeout());

        // It is a revision like any other: an operation on revision 0 is transformed across it.
        Assert.Equal(2, await writer.SubmitAsync(id, 0, TextOperation.Splice(3, 0, 0, ">"), seq: 2).DefaultTimeout());
        Assert.Equal((2, ">abc"), await GetDocumentAsync(id).DefaultTimeout());
    }

    /// <summary>docs/protocol.md, UpdatePresence: "ranges: [] clears the selection."</summary>
    [Fact]
    [Trait("Promise", "protocol.empty-ranges-clear")]
    public async Task EmptyRanges_ClearTheSelection_ForObserversAndLaterJoiners()
    {
        string id = await CreateDocumentAsync("hello").DefaultTimeout();
        var editor = await ConnectAsync().DefaultTimeout();
        var observer = await ConnectAsync().DefaultTimeout();
        string session = (await editor.JoinAsync(id).DefaultTimeout()).SessionId;
        await observer.JoinAsync(id).DefaultTimeout();

        // The editor's presence from its join (no ranges) may still reach the observer first, or be coalesced away.
        await editor.UpdatePresenceAsync(id, 0, new RangeMessage(1, 4)).DefaultTimeout();
        Assert.Equal([new RangeMessage(1, 4)], (await NextPresenceAsync(observer, session, withRanges: true).DefaultTimeout()).Ranges);

        await editor.UpdatePresenceAsync(id, 0).DefaultTimeout();
        var cleared = await NextPresenceAsync(observer, session).DefaultTimeout();
        Assert.Empty(cleared.Ranges);

        // Still present (joined, no selection), not gone: a later joiner lists it with no ranges.
        var later = await ConnectAsync().DefaultTimeout();
        var listed = Assert.Single((await later.JoinAsync(id).DefaultTimeout()).Presence, p => p.SessionId == session);
        Assert.Empty(listed.Ranges);
    }

    private static string OperationJson(TextOperation operation) =>
        System.Text.Json.JsonSerializer.Serialize(operation, DocumentsApi.Json);

    private static async Task<PresenceMessage> NextPresenceAsync(TestHubClient client, string sessionId, bool withRanges = false)
    {
        while (true)
        {
            var message = await client.Presence.ReadAsync().DefaultTimeout();
            if (message.SessionId == sessionId && (!withRanges || message.Ranges.Count > 0))
            {
                return message;
            }
        }
    }
}
