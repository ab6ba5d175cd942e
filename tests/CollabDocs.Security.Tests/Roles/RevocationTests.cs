using System.Net;
using CollabDocs.Security.Tests.Infrastructure;
using CollabDocs.Server.Access;
using CollabDocs.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CollabDocs.Security.Tests.Roles;

/// <summary>Revoking a role takes the user's connections off the document at once.</summary>
public sealed class RevocationTests : IAsyncDisposable
{
    private readonly TestHost _factory = TestHost.Jwt();
    private readonly TestUser _owner = TestUser.Named("Owner");
    private readonly TestUser _editor = TestUser.Named("Editor");

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    [Trait("Promise", "security.revocation-closes-document")]
    [Trait("Promise", "protocol.document-closed")]
    public async Task Revocation_ClosesTheDocument_StopsBroadcasts_AndRemovesPresence_AtOnce()
    {
        using var api = _factory.ApiAs(_owner.Token);
        await api.CreateOkAsync("revoked", "abc").DefaultTimeout();
        await api.SetRoleOkAsync("revoked", _editor.Id, "editor").DefaultTimeout();
        var watcher = TestUser.Named("Watcher");
        await api.SetRoleOkAsync("revoked", watcher.Id, "viewer").DefaultTimeout();
        await using var owner = await _factory.ConnectAsync(_owner.Token).DefaultTimeout();
        await using var editor = await _factory.ConnectAsync(_editor.Token).DefaultTimeout();
        await using var watching = await _factory.ConnectAsync(watcher.Token).DefaultTimeout();
        await owner.Json.JoinAsync("revoked").DefaultTimeout();
        await watching.Json.JoinAsync("revoked").DefaultTimeout();
        var editorJoin = await editor.Json.JoinAsync("revoked").DefaultTimeout();
        string editorSession = editorJoin.GetProperty("sessionId").GetString()!;
        await owner.SubmitAsync("revoked", 0, new object[] { 3, "1" }, "owner-client", 1).DefaultTimeout();
        await TestHubClient.NextAsync(editor.Json.Operations).DefaultTimeout();

        using var revoke = await api.RevokeAsync("revoked", _editor.Id).DefaultTimeout();

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var closed = await TestHubClient.NextAsync(editor.Json.Closed).DefaultTimeout();
        Assert.Equal("revoked", closed.GetProperty("documentId").GetString());
        Assert.Equal("access_revoked", closed.GetProperty("reason").GetString());

        // What reached the editor before its DocumentClosed (one connection's messages arrive in order) is
        // from before the revocation: set it aside.
        while (editor.Json.Operations.Reader.TryRead(out _) || editor.Json.Presence.Reader.TryRead(out _))
        {
        }

        var left = await TestHubClient.NextAsync(owner.Json.PresenceLeft).DefaultTimeout();
        Assert.Equal(editorSession, left.GetProperty("sessionId").GetString());

        // Right after the DELETE returned: no further broadcast reaches the revoked connection. The watcher
        // receives the owner's edit and selection; then every call below is a round trip on the editor's
        // connection, which would have brought any broadcast sent to it before its answer.
        await owner.SubmitAsync("revoked", 1, new object[] { 4, "2" }, "owner-client", 2).DefaultTimeout();
        await owner.UpdatePresenceAsync("revoked", 2, new { anchor = 1, head = 2 }).DefaultTimeout();
        Assert.Equal(2, (await LastOperationAsync(watching).DefaultTimeout()).GetProperty("revision").GetInt32());
        Assert.Equal(2, (await SelectionAsync(watching).DefaultTimeout()).GetProperty("ranges")[0].GetProperty("head").GetInt32());
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(editor.SubmitAsync("revoked", 2, new object[] { 5, "x" }, "editor-client", 1)).DefaultTimeout());
        Assert.Equal("invalid_argument", await TestHubClient.ErrorCodeAsync(editor.UpdatePresenceAsync("revoked", 2, new { anchor = 0, head = 0 })).DefaultTimeout());
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(editor.Json.JoinAsync("revoked")).DefaultTimeout());
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(editor.Json.GetOperationsAsync("revoked", 0)).DefaultTimeout());
        Assert.Equal("abc12", (await api.GetJsonAsync("/api/documents/revoked").DefaultTimeout()).GetProperty("text").GetString());
        Assert.False(editor.Json.Operations.Reader.TryRead(out var late), $"a broadcast after the revocation: {late}");
        Assert.False(editor.Json.Presence.Reader.TryRead(out var latePresence), $"a selection after the revocation: {latePresence}");
    }

    /// <summary>The next presence message with a selection (joins announce sessions without one).</summary>
    private static async Task<System.Text.Json.JsonElement> SelectionAsync(TestHubClient client)
    {
        var presence = await TestHubClient.NextAsync(client.Json.Presence).DefaultTimeout();
        while (presence.GetProperty("ranges").GetArrayLength() == 0)
        {
            presence = await TestHubClient.NextAsync(client.Json.Presence).DefaultTimeout();
        }

        return presence;
    }

    private static async Task<System.Text.Json.JsonElement> LastOperationAsync(TestHubClient client)
    {
        var operation = await TestHubClient.NextAsync(client.Json.Operations).DefaultTimeout();
        while (operation.GetProperty("revision").GetInt32() < 2)
        {
            operation = await TestHubClient.NextAsync(client.Json.Operations).DefaultTimeout();
        }

        return operation;
    }

    [Fact]
    [Trait("Promise", "security.role-change-reaches-other-nodes")]
    public async Task RoleRemovedThroughAnotherNode_IsNoticedByTheRecheck()
    {
        using var api = _factory.ApiAs(_owner.Token);
        await api.CreateOkAsync("elsewhere", "abc").DefaultTimeout();
        await api.SetRoleOkAsync("elsewhere", _editor.Id, "editor").DefaultTimeout();
        await using var editor = await _factory.ConnectAsync(_editor.Token).DefaultTimeout();
        await editor.Json.JoinAsync("elsewhere").DefaultTimeout();

        // Another node (or an administrator) changes the store directly: this node's cache does not know yet.
        await _factory.Services.GetRequiredService<IDocumentStore>().SetRoleAsync("elsewhere", _editor.Id, DocumentRole.None).DefaultTimeout();
        var revalidator = _factory.Services.GetServices<IHostedService>().OfType<MembershipRevalidator>().Single();
        await revalidator.RecheckAsync().DefaultTimeout();

        var closed = await TestHubClient.NextAsync(editor.Json.Closed).DefaultTimeout();
        Assert.Equal("access_revoked", closed.GetProperty("reason").GetString());
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(editor.SubmitAsync("elsewhere", 0, new object[] { 3, "x" }, "editor-client", 1)).DefaultTimeout());
    }

    [Fact]
    public async Task Revocation_OfOneUser_LeavesOtherUsersConnected()
    {
        var other = TestUser.Named("Other");
        using var api = _factory.ApiAs(_owner.Token);
        await api.CreateOkAsync("partial", "abc").DefaultTimeout();
        await api.SetRoleOkAsync("partial", _editor.Id, "editor").DefaultTimeout();
        await api.SetRoleOkAsync("partial", other.Id, "editor").DefaultTimeout();
        await using var editor = await _factory.ConnectAsync(_editor.Token).DefaultTimeout();
        await using var otherClient = await _factory.ConnectAsync(other.Token).DefaultTimeout();
        await editor.Json.JoinAsync("partial").DefaultTimeout();
        await otherClient.Json.JoinAsync("partial").DefaultTimeout();

        using var revoke = await api.RevokeAsync("partial", _editor.Id).DefaultTimeout();
        await TestHubClient.NextAsync(editor.Json.Closed).DefaultTimeout();
        int revision = await otherClient.SubmitAsync("partial", 0, new object[] { 3, "!" }, "other-client", 1).DefaultTimeout();

        // The editor's DocumentClosed was sent while the DELETE ran; the other user's submit, a round trip
        // after it, would have brought one for it too.
        Assert.Equal(1, revision);
        Assert.False(otherClient.Json.Closed.Reader.TryRead(out var closed), $"the other user's document was closed: {closed}");
    }
}
