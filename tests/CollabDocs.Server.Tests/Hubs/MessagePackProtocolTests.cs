using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>
/// The hub over SignalR's MessagePack protocol (docs/protocol.md, "Protocols"): the same calls, broadcasts,
/// exactly-once resends and typed errors as over JSON, with a JSON client on the same document.
/// </summary>
public sealed class MessagePackProtocolTests(ITestOutputHelper output) : ServerTest(output)
{
    [Fact]
    [Trait("Promise", "protocol.messagepack-beside-json")]
    public async Task JoinSubmitBroadcastAndResend_WorkOverMessagePack_AlongsideJson()
    {
        string id = await CreateDocumentAsync("hello").DefaultTimeout();
        var writer = await ConnectAsync(messagePack: true).DefaultTimeout();
        var reader = await ConnectAsync(messagePack: true).DefaultTimeout();
        var jsonReader = await ConnectAsync().DefaultTimeout();
        var joined = await writer.JoinAsync(id).DefaultTimeout();
        Assert.Equal((id, 0, "hello", "owner"), (joined.DocumentId, joined.Revision, joined.Text, joined.Role));
        Assert.False(string.IsNullOrEmpty(joined.SessionId));
        await reader.JoinAsync(id).DefaultTimeout();
        await jsonReader.JoinAsync(id).DefaultTimeout();

        var operation = TextOperation.Splice(5, 5, 0, ", w\U0001F600rld");
        var result = await writer.SubmitForResultAsync(id, 0, operation, seq: 1).DefaultTimeout();
        Assert.Equal(1, result.Revision);
        Assert.Equal(TextChecksum.Compute("hello, w\U0001F600rld"), result.Checksum);

        foreach (var client in new[] { reader, jsonReader })
        {
            var broadcast = await client.Operations.ReadAsync().AsTask().DefaultTimeout();
            Assert.Equal((id, 1, writer.ClientId, 1, result.Checksum), (broadcast.DocumentId, broadcast.Revision, broadcast.ClientId, broadcast.Seq, broadcast.Checksum));
            Assert.Equal(operation, broadcast.Operation);
        }

        // The same (clientId, seq) again is answered from the log, not committed twice.
        Assert.Equal(1, await writer.SubmitAsync(id, 0, operation, seq: 1).DefaultTimeout());
        var log = await reader.GetOperationsAsync(id, 0).DefaultTimeout();
        Assert.Equal(operation, Assert.Single(log).Operation);
        var rejoined = await reader.JoinAsync(id, knownRevision: 0).DefaultTimeout();
        Assert.Null(rejoined.Text);
        Assert.Equal(operation, Assert.Single(rejoined.Operations!).Operation);
        Assert.Equal((1, "hello, w\U0001F600rld"), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    public async Task Presence_IsBroadcastOverMessagePack()
    {
        string id = await CreateDocumentAsync("hello").DefaultTimeout();
        var writer = await ConnectAsync(messagePack: true).DefaultTimeout();
        var reader = await ConnectAsync(messagePack: true).DefaultTimeout();
        var joined = await writer.JoinAsync(id).DefaultTimeout();
        await reader.JoinAsync(id).DefaultTimeout();

        await writer.UpdatePresenceAsync(id, 0, new RangeMessage(1, 3), new RangeMessage(5, 5)).DefaultTimeout();

        PresenceMessage presence;
        do
        {
            presence = await reader.Presence.ReadAsync().AsTask().DefaultTimeout();
        }
        while (presence.SessionId != joined.SessionId || presence.Ranges.Count == 0);

        Assert.Equal((id, 0), (presence.DocumentId, presence.Revision));
        Assert.Equal([new RangeMessage(1, 3), new RangeMessage(5, 5)], presence.Ranges);
        var third = await ConnectAsync(messagePack: true).DefaultTimeout();
        var seen = Assert.Single((await third.JoinAsync(id).DefaultTimeout()).Presence, p => p.SessionId == joined.SessionId);
        Assert.Equal([new RangeMessage(1, 3), new RangeMessage(5, 5)], seen.Ranges);
    }

    [Fact]
    [Trait("Promise", "protocol.messagepack-same-rules")]
    public async Task WrongTypes_FailWithTypedErrors_AndTheConnectionStaysUsable()
    {
        string id = await CreateDocumentAsync("hello").DefaultTimeout();
        var client = await ConnectAsync(messagePack: true).DefaultTimeout();
        var hub = client.Connection;
        await client.JoinAsync(id).DefaultTimeout();

        await HubErrors.AssertCodeAsync("invalid_argument", () => hub.InvokeAsync<JoinResult>("Join", 5, null)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => hub.InvokeAsync<JoinResult>("Join", id, "0")).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => hub.InvokeAsync<SubmitResult>("Submit", id, "0", new object[] { 5, "x" }, client.ClientId, 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => hub.InvokeAsync<SubmitResult>("Submit", id, 0, new object[] { 5, "x" }, client.ClientId, 1.5)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => hub.InvokeAsync<SubmitResult>("Submit", id, 0, new object[] { 5, "x" }, client.ClientId, 5_000_000_000L)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => hub.InvokeAsync("UpdatePresence", id, 0, new object[] { new Dictionary<string, int> { ["anchor"] = 1 } })).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => hub.InvokeAsync("UpdatePresence", id, 0, new Dictionary<string, int> { ["anchor"] = 1, ["head"] = 1 })).DefaultTimeout();

        await HubErrors.AssertCodeAsync("malformed_operation", () => hub.InvokeAsync<SubmitResult>("Submit", id, 0, new object[] { 5, true }, client.ClientId, 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("malformed_operation", () => hub.InvokeAsync<SubmitResult>("Submit", id, 0, new object[] { 5, 0 }, client.ClientId, 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("malformed_operation", () => hub.InvokeAsync<SubmitResult>("Submit", id, 0, new object[] { 5, "" }, client.ClientId, 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("malformed_operation", () => hub.InvokeAsync<SubmitResult>("Submit", id, 0, new object[] { 5, 99_999_999_999L }, client.ClientId, 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("malformed_operation", () => hub.InvokeAsync<SubmitResult>("Submit", id, 0, "[5]", client.ClientId, 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("operation_mismatch", () => hub.InvokeAsync<SubmitResult>("Submit", id, 0, new object[] { 4, "x" }, client.ClientId, 1)).DefaultTimeout();

        // Raw arrays of small integers (MessagePack picks the narrowest type) are read like the client's own.
        var accepted = await hub.InvokeAsync<SubmitResult>("Submit", id, (byte)0, new object[] { (byte)5, "!" }, client.ClientId, (short)1).DefaultTimeout();
        Assert.Equal(1, accepted.Revision);
        Assert.Equal((1, "hello!"), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "protocol.messagepack-same-rules")]
    public async Task OversizedOperation_FailsWithLimitExceeded()
    {
        string id = await CreateDocumentAsync("hello").DefaultTimeout();
        var client = await ConnectAsync(messagePack: true).DefaultTimeout();
        await client.JoinAsync(id).DefaultTimeout();
        var components = new object[20_001];
        components[0] = 5;
        for (int i = 1; i < components.Length; i++)
        {
            components[i] = i % 2 == 1 ? "x" : -1;
        }

        await HubErrors.AssertCodeAsync("limit_exceeded", () => client.Connection.InvokeAsync<SubmitResult>("Submit", id, 0, components, client.ClientId, 1)).DefaultTimeout();
    }

    [Fact]
    [Trait("Promise", "protocol.messagepack-beside-json")]
    public async Task CollabDocsClient_WithUseMessagePack_EditsAndSeesTheOthers()
    {
        string id = await CreateDocumentAsync("notes\n").DefaultTimeout();
        await using var clients = new TestDocumentClients();
        var writer = await clients.OpenAsync(Server, id, messagePack: true).DefaultTimeout();
        var reader = await clients.OpenAsync(Server, id, messagePack: true).DefaultTimeout();
        var jsonReader = await clients.OpenAsync(Server, id).DefaultTimeout();
        var arrived = Task.WhenAll(TestDocumentClients.Reaches(reader, 2), TestDocumentClients.Reaches(jsonReader, 2));

        writer.Edit(text => TextOperation.Splice(text.Length, text.Length, 0, "one"));
        writer.Edit(text => TextOperation.Splice(text.Length, 0, 1, "N"));
        await writer.WhenSynchronizedAsync().DefaultTimeout();
        writer.SetSelection(Selection.Cursor(3));

        await arrived.DefaultTimeout();
        Assert.Equal("Notes\none", reader.Text);
        Assert.Equal("Notes\none", jsonReader.Text);
        Assert.Equal((2, "Notes\none"), await GetDocumentAsync(id).DefaultTimeout());
    }
}
