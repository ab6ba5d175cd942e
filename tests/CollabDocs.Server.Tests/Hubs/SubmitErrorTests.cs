using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>A refused submit answers with its stable code, changes nothing, and leaves the connection usable.</summary>
public sealed class SubmitErrorTests(ITestOutputHelper output) : ServerTest(output)
{
    private const string Text = "a\U0001F600b"; // "a", a surrogate pair, "b": 4 UTF-16 code units

    [Fact]
    [Trait("Promise", "protocol.error-revision-in-future")]
    public async Task BaseRevisionInTheFuture_FailsWithRevisionInFuture()
    {
        var (id, client) = await StartAsync().DefaultTimeout();
        await HubErrors.AssertCodeAsync("revision_in_future", () => client.SubmitAsync(id, 2, TextOperation.Identity(5), seq: 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("revision_in_future", () => client.SubmitAsync(id, int.MaxValue, TextOperation.Identity(5), seq: 1)).DefaultTimeout();
        await AssertUnchangedAndUsableAsync(id, client).DefaultTimeout();
    }

    [Theory]
    [InlineData("[5, 1.5]")]
    [InlineData("[5, 0]")]
    [InlineData("[0, 5]")]
    [InlineData("[5, null]")]
    [InlineData("[5, {}]")]
    [InlineData("[5, [1]]")]
    [InlineData("[5, \"\"]")]
    [InlineData("[5, true]")]
    [InlineData("[5, 1e3]")]
    [InlineData("[5, 99999999999]")]
    [InlineData("[5, \"\\ud800\"]")]
    [InlineData("[5, \"x\\udc00\"]")]
    [InlineData("{\"retain\": 5}")]
    [InlineData("\"[5]\"")]
    [InlineData("5")]
    [InlineData("null")]
    [Trait("Promise", "protocol.error-malformed-operation")]
    public async Task MalformedOperation_FailsWithMalformedOperation(string operationJson)
    {
        var (id, client) = await StartAsync().DefaultTimeout();
        await HubErrors.AssertCodeAsync("malformed_operation", () => client.SubmitJsonAsync(id, 1, operationJson, seq: 1)).DefaultTimeout();
        await AssertUnchangedAndUsableAsync(id, client).DefaultTimeout();
    }

    [Theory]
    [InlineData(1, "[4]")] // too short
    [InlineData(1, "[6]")] // too long
    [InlineData(1, "[5, \"x\", 1]")]
    [InlineData(0, "[5]")] // the text at revision 0 has 4 code units
    [InlineData(1, "[2, \"x\", 3]")] // an insert between the halves of the pair
    [InlineData(1, "[2, -1, 2]")] // deletes half of the pair
    [InlineData(1, "[1, -1, 3]")] // deletes the other half
    [InlineData(0, "[2, \"x\", 2]")] // the same, on a stale base (transformed first)
    [Trait("Promise", "protocol.error-operation-mismatch")]
    public async Task OperationNotFittingTheText_FailsWithOperationMismatch(int baseRevision, string operationJson)
    {
        var (id, client) = await StartAsync().DefaultTimeout();
        await HubErrors.AssertCodeAsync("operation_mismatch", () => client.SubmitJsonAsync(id, baseRevision, operationJson, seq: 1)).DefaultTimeout();
        await AssertUnchangedAndUsableAsync(id, client).DefaultTimeout();
    }

    [Fact]
    [Trait("Promise", "protocol.error-invalid-argument")]
    public async Task InvalidArguments_FailWithInvalidArgument()
    {
        var (id, client) = await StartAsync().DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => client.SubmitAsync(id, 1, TextOperation.Identity(5), seq: 0)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => client.SubmitAsync(id, -1, TextOperation.Identity(5), seq: 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => client.SubmitAsync(id, 1, TextOperation.Identity(5), seq: 1, clientId: "not a client id")).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => client.SubmitAsync(id, 1, TextOperation.Identity(5), seq: 1, clientId: new string('c', 65))).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => client.SubmitAsync("no/such id", 1, TextOperation.Identity(5), seq: 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => client.GetOperationsAsync(id, 2, 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => client.UpdatePresenceAsync(id, 1, new RangeMessage(0, 6))).DefaultTimeout(); // past the end
        await HubErrors.AssertCodeAsync("invalid_argument", () => client.UpdatePresenceAsync(id, 1, new RangeMessage(2, 2))).DefaultTimeout(); // inside the pair
        var stranger = await ConnectAsync().DefaultTimeout();
        await HubErrors.AssertCodeAsync("invalid_argument", () => stranger.UpdatePresenceAsync(id, 1, new RangeMessage(0, 1))).DefaultTimeout(); // not joined
        await AssertUnchangedAndUsableAsync(id, client).DefaultTimeout();
    }

    [Fact]
    [Trait("Promise", "protocol.error-document-not-found")]
    public async Task SubmitToMissingDocument_FailsWithDocumentNotFound()
    {
        var (id, client) = await StartAsync().DefaultTimeout();
        await HubErrors.AssertCodeAsync("document_not_found", () => client.SubmitAsync("missing", 0, TextOperation.Identity(0), seq: 1)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("document_not_found", () => client.JoinAsync("missing")).DefaultTimeout();
        await AssertUnchangedAndUsableAsync(id, client).DefaultTimeout();
    }

    /// <summary>A document at revision 1 with <see cref="Text"/> + "c" (5 code units) and a connection joined to it.</summary>
    private async Task<(string Id, TestHubClient Client)> StartAsync()
    {
        string id = await CreateDocumentAsync(Text).DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();
        await client.JoinAsync(id).DefaultTimeout();
        Assert.Equal(1, await client.SubmitAsync(id, 0, TextOperation.Splice(4, 4, 0, "c"), seq: 1, clientId: "setup").DefaultTimeout());
        return (id, client);
    }

    /// <summary>Revision and text as before; the same connection (and the refused seq) still submit fine.</summary>
    private async Task AssertUnchangedAndUsableAsync(string id, TestHubClient client)
    {
        Assert.Equal((1, Text + "c"), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Single(await Api.GetLogAsync(id).DefaultTimeout());
        Assert.Equal(2, await client.SubmitAsync(id, 1, TextOperation.Splice(5, 5, 0, "!"), seq: 1).DefaultTimeout());
        Assert.Equal((2, Text + "c!"), await GetDocumentAsync(id).DefaultTimeout());
    }
}
