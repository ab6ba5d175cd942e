using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Roles;

/// <summary>docs/protocol.md, UpdatePresence: "Viewers may publish presence too; only Submit needs the editor role."</summary>
public sealed class ViewerPresenceTests : OwnerEditorViewerTests
{
    [Fact]
    [Trait("Promise", "protocol.viewers-publish-presence")]
    public async Task Viewer_PublishesItsSelection_WhichAnEditorSeesUnderTheViewersName()
    {
        using var owner = await DocumentWithRolesAsync("read-along", "hello world").DefaultTimeout();
        await using var editor = await Host.ConnectAsync(Editor.Token).DefaultTimeout();
        await using var viewer = await Host.ConnectAsync(Viewer.Token).DefaultTimeout();
        await editor.Json.JoinAsync("read-along").DefaultTimeout();
        var joined = await viewer.Json.JoinAsync("read-along").DefaultTimeout();
        Assert.Equal("viewer", joined.GetProperty("role").GetString());
        string session = joined.GetProperty("sessionId").GetString()!;

        await viewer.UpdatePresenceAsync("read-along", 0, new { anchor = 6, head = 11 }).DefaultTimeout();

        var seen = await TestHubClient.NextAsync(editor.Json.Presence).DefaultTimeout();
        while (seen.GetProperty("sessionId").GetString() != session || seen.GetProperty("ranges").GetArrayLength() == 0)
        {
            seen = await TestHubClient.NextAsync(editor.Json.Presence).DefaultTimeout();
        }

        Assert.Equal((Viewer.Id, "Viewer", 0), (seen.GetProperty("userId").GetString(), seen.GetProperty("name").GetString(), seen.GetProperty("revision").GetInt32()));
        var range = Assert.Single(seen.GetProperty("ranges").EnumerateArray());
        Assert.Equal((6, 11), (range.GetProperty("anchor").GetInt32(), range.GetProperty("head").GetInt32()));
    }
}
