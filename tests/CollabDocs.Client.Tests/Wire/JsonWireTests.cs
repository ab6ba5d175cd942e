using System.Text.Json;
using CollabDocs.Ot;
using CollabDocs.Ot.Json;
using CollabDocs.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace CollabDocs.Client.Tests.Wire;

/// <summary>
/// The JSON hub protocol's shapes (docs/protocol.md): the records under SignalR's default payload settings, as the
/// server writes them and the TypeScript client, the web demo and the ot.js interop read them.
/// </summary>
public sealed class JsonWireTests
{
    private static readonly JsonSerializerOptions Options = PayloadOptions();

    [Fact]
    public void JoinResult_UsesTheProtocolNames_AndTheOtJsForm()
    {
        var result = new JoinResult(
            "notes",
            7,
            null,
            [new OperationMessage("notes", 7, TextOperation.Parse("[2,\"x\",-1]"), "c1", 3, "ada", 1700000000000, 42)],
            [new PresenceMessage("notes", "s1", "ada", "Ada", "#ff0000", 7, [new RangeMessage(1, 2)])],
            "editor",
            "s2");

        string json = JsonSerializer.Serialize(result, Options);

        Assert.Equal(
            """{"documentId":"notes","revision":7,"text":null,"operations":[{"documentId":"notes","revision":7,"operation":[2,"x",-1],"clientId":"c1","seq":3,"userId":"ada","timestamp":1700000000000,"checksum":42}],"presence":[{"documentId":"notes","sessionId":"s1","userId":"ada","name":"Ada","color":"#ff0000","revision":7,"ranges":[{"anchor":1,"head":2}]}],"role":"editor","sessionId":"s2"}""",
            json);
        Assert.Equivalent(result, JsonSerializer.Deserialize<JoinResult>(json, Options));
    }

    [Fact]
    public void SmallMessages_UseTheProtocolNames()
    {
        Assert.Equal("""{"revision":4,"checksum":null}""", JsonSerializer.Serialize(new SubmitResult(4), Options));
        Assert.Equal("""{"documentId":"notes","sessionId":"s1"}""", JsonSerializer.Serialize(new PresenceLeftMessage("notes", "s1"), Options));
        Assert.Equal("""{"documentId":"notes","reason":"deleted"}""", JsonSerializer.Serialize(new DocumentClosedMessage("notes", DocumentClosedReasons.Deleted), Options));
    }

    // What the server and CollabDocsClient configure: SignalR's JSON payload defaults plus the ot.js converter.
    private static JsonSerializerOptions PayloadOptions()
    {
        var options = new JsonHubProtocolOptions().PayloadSerializerOptions;
        options.Converters.Add(new TextOperationJsonConverter());
        return options;
    }
}
