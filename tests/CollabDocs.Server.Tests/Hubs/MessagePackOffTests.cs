using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>
/// <c>CollabDocs:Hub:MessagePack=false</c>: the hub no longer offers MessagePack, so a MessagePack client's handshake
/// is refused, while JSON clients work as before. The same client connects to a server with the default.
/// </summary>
public sealed class MessagePackOffTests(ITestOutputHelper output) : ServerTest(output)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Hub:MessagePack"] = "false",
    };

    [Fact]
    [Trait("Promise", "protocol.messagepack-off")]
    [Trait("Promise", "security.hub-messagepack-setting")]
    public async Task WithMessagePackOff_AMessagePackClientCannotConnect_JsonStillWorks()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(messagePack: true)).DefaultTimeout();
        Output.WriteLine(refused.ToString());
        Assert.Contains("messagepack", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not supported", refused.Message, StringComparison.OrdinalIgnoreCase);

        string id = await CreateDocumentAsync("hi").DefaultTimeout();
        var json = await ConnectAsync().DefaultTimeout();
        Assert.Equal("hi", (await json.JoinAsync(id).DefaultTimeout()).Text);
        Assert.Equal(1, await json.SubmitAsync(id, 0, TextOperation.Splice(2, 2, 0, "!"), 1).DefaultTimeout());

        // The control: the same MessagePack client on a server left at the default connects and joins.
        await using var defaults = TestHost.Anonymous();
        await using var messagePack = await defaults.ConnectAsync(new TestHubOptions { MessagePack = true }).DefaultTimeout();
        string other = (await defaults.Api.CreateAsync(null, "ok").DefaultTimeout()).Id;
        Assert.Equal("ok", (await messagePack.JoinAsync(other).DefaultTimeout()).Text);
    }
}
