using System.Text.Json;
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
        var result = SampleMessages.JoinResult();

        string json = JsonSerializer.Serialize(result, Options);

        Assert.Equal(SampleMessages.JoinResultJson, json);
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
