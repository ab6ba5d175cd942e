using System.Net;
using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Roles;

/// <summary>Per-document roles: what owners, editors, viewers and strangers may do, over HTTP and the hub.</summary>
public sealed class DocumentRoleTests : OwnerEditorViewerTests
{
    private readonly TestUser _stranger = TestUser.Named("Stranger");

    [Fact]
    [Trait("Promise", "security.viewer-cannot-submit")]
    [Trait("Promise", "protocol.error-forbidden")]
    public async Task Viewer_CanJoinAndRead_ButItsSubmitIsRefused_AndTheRevisionDoesNotMove()
    {
        using var owner = await DocumentWithRolesAsync("viewed").DefaultTimeout();
        await using var viewer = await Host.ConnectAsync(Viewer.Token).DefaultTimeout();

        var joined = await viewer.Json.JoinAsync("viewed").DefaultTimeout();
        string code = await TestHubClient.ErrorCodeAsync(viewer.SubmitAsync("viewed", 0, new object[] { "x", 5 }, "viewer-client", 1)).DefaultTimeout();

        Assert.Equal("viewer", joined.GetProperty("role").GetString());
        Assert.Equal("forbidden", code);
        var after = await owner.GetJsonAsync("/api/documents/viewed").DefaultTimeout();
        Assert.Equal(0, after.GetProperty("revision").GetInt32());
        Assert.Equal("hello", after.GetProperty("text").GetString());
        Assert.Equal(0, (await viewer.Json.GetOperationsAsync("viewed", 0).DefaultTimeout()).GetArrayLength());
    }

    [Fact]
    public async Task Viewer_SeesPresence_AndReceivesOperations()
    {
        using var owner = await DocumentWithRolesAsync("watched").DefaultTimeout();
        await using var viewer = await Host.ConnectAsync(Viewer.Token).DefaultTimeout();
        await using var editor = await Host.ConnectAsync(Editor.Token).DefaultTimeout();
        await viewer.Json.JoinAsync("watched").DefaultTimeout();
        await editor.Json.JoinAsync("watched").DefaultTimeout();

        await editor.UpdatePresenceAsync("watched", 0, new { anchor = 1, head = 3 }).DefaultTimeout();
        int revision = await editor.SubmitAsync("watched", 0, new object[] { 5, "!" }, "editor-client", 1).DefaultTimeout();

        var presence = await TestHubClient.NextAsync(viewer.Json.Presence).DefaultTimeout();
        while (presence.GetProperty("ranges").GetArrayLength() == 0)
        {
            presence = await TestHubClient.NextAsync(viewer.Json.Presence).DefaultTimeout();
        }

        Assert.Equal("Editor", presence.GetProperty("name").GetString());
        var operation = await TestHubClient.NextAsync(viewer.Json.Operations).DefaultTimeout();
        Assert.Equal(revision, operation.GetProperty("revision").GetInt32());
        Assert.Equal(Editor.Id, operation.GetProperty("userId").GetString());
    }

    [Fact]
    [Trait("Promise", "security.no-role-forbidden")]
    [Trait("Promise", "protocol.error-forbidden")]
    public async Task Stranger_CannotJoin_Fetch_TimeTravel_Read_OrReceiveBroadcasts()
    {
        using var owner = await DocumentWithRolesAsync("private", "secret").DefaultTimeout();
        await using var editor = await Host.ConnectAsync(Editor.Token).DefaultTimeout();
        await using var stranger = await Host.ConnectAsync(_stranger.Token).DefaultTimeout();
        await editor.Json.JoinAsync("private").DefaultTimeout();
        using var strangerApi = Host.ApiAs(_stranger.Token);

        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(stranger.Json.JoinAsync("private")).DefaultTimeout());
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(stranger.Json.GetOperationsAsync("private", 0)).DefaultTimeout());
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(stranger.SubmitAsync("private", 0, new object[] { "x", 6 }, "stranger", 1)).DefaultTimeout());
        Assert.Equal("invalid_argument", await TestHubClient.ErrorCodeAsync(stranger.UpdatePresenceAsync("private", 0, new { anchor = 0, head = 0 })).DefaultTimeout());
        foreach (string path in new[] { "/api/documents/private", "/api/documents/private/operations", "/api/documents/private/text?revision=0", "/api/documents/private/members" })
        {
            using var response = await strangerApi.GetAsync(path).DefaultTimeout();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("forbidden", await ApiClient.CodeOfAsync(response).DefaultTimeout());
        }

        using (var delete = await strangerApi.Http.DeleteAsync("/api/documents/private").DefaultTimeout())
        {
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        }

        // The editor edits and selects; a viewer receives both. After that, a round trip on the stranger's
        // own connection would bring any broadcast sent to it before its answer: none was sent.
        await using var viewer = await Host.ConnectAsync(Viewer.Token).DefaultTimeout();
        await viewer.Json.JoinAsync("private").DefaultTimeout();
        await editor.SubmitAsync("private", 0, new object[] { 6, "!" }, "editor-client", 1).DefaultTimeout();
        await editor.UpdatePresenceAsync("private", 1, new { anchor = 0, head = 6 }).DefaultTimeout();
        Assert.Equal(1, (await TestHubClient.NextAsync(viewer.Json.Operations).DefaultTimeout()).GetProperty("revision").GetInt32());
        var selection = await TestHubClient.NextAsync(viewer.Json.Presence).DefaultTimeout();
        while (selection.GetProperty("ranges").GetArrayLength() == 0)
        {
            selection = await TestHubClient.NextAsync(viewer.Json.Presence).DefaultTimeout(); // joins announce sessions without a selection
        }

        Assert.Equal(6, selection.GetProperty("ranges")[0].GetProperty("head").GetInt32());
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(stranger.Json.GetOperationsAsync("private", 0)).DefaultTimeout());
        Assert.False(stranger.Json.Operations.Reader.TryRead(out _), "the stranger received an operation");
        Assert.False(stranger.Json.Presence.Reader.TryRead(out _), "the stranger received a selection");
        Assert.Equal("secret!", (await owner.GetJsonAsync("/api/documents/private").DefaultTimeout()).GetProperty("text").GetString());
    }

    [Fact]
    [Trait("Promise", "security.no-role-forbidden")]
    public async Task UnknownDocument_IsNotFound_ButAnExistingOneIsForbidden()
    {
        using var owner = await DocumentWithRolesAsync("exists").DefaultTimeout();
        await using var stranger = await Host.ConnectAsync(_stranger.Token).DefaultTimeout();

        Assert.Equal("document_not_found", await TestHubClient.ErrorCodeAsync(stranger.Json.JoinAsync("does-not-exist")).DefaultTimeout());
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(stranger.Json.JoinAsync("exists")).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "security.list-only-documents-with-a-role")]
    public async Task ListDocuments_ShowsOnlyDocumentsTheCallerHasARoleOn()
    {
        using var owner = await DocumentWithRolesAsync("listed-shared").DefaultTimeout();
        await owner.CreateOkAsync("listed-owner-only").DefaultTimeout();
        using var viewerApi = Host.ApiAs(Viewer.Token);
        using var strangerApi = Host.ApiAs(_stranger.Token);
        await strangerApi.CreateOkAsync("listed-stranger").DefaultTimeout();

        static async Task<string[]> IdsAsync(ApiClient api) =>
            [.. (await api.GetJsonAsync("/api/documents").DefaultTimeout()).EnumerateArray().Select(d => d.GetProperty("id").GetString()!).Where(id => id.StartsWith("listed-", StringComparison.Ordinal)).Order()];

        Assert.Equal(["listed-owner-only", "listed-shared"], await IdsAsync(owner).DefaultTimeout());
        Assert.Equal(["listed-shared"], await IdsAsync(viewerApi).DefaultTimeout());
        Assert.Equal(["listed-stranger"], await IdsAsync(strangerApi).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "security.only-owners-delete-and-manage")]
    public async Task Editor_CanSubmit_ButNotDelete_OrManageMembers()
    {
        using var owner = await DocumentWithRolesAsync("edited").DefaultTimeout();
        using var editorApi = Host.ApiAs(Editor.Token);
        await using var editor = await Host.ConnectAsync(Editor.Token).DefaultTimeout();

        int revision = await editor.SubmitAsync("edited", 0, new object[] { 5, " world" }, "editor-client", 1).DefaultTimeout();
        using var grant = await editorApi.SetRoleAsync("edited", _stranger.Id, "editor").DefaultTimeout();
        using var share = await editorApi.Http.PostAsync("/api/documents/edited/share", null).DefaultTimeout();
        using var delete = await editorApi.Http.DeleteAsync("/api/documents/edited").DefaultTimeout();

        Assert.Equal(1, revision);
        Assert.Equal(HttpStatusCode.Forbidden, grant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, share.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Fact]
    [Trait("Promise", "security.members-put-grants-role")]
    public async Task Owner_ManagesMembers_ThroughTheMembersApi()
    {
        using var owner = await DocumentWithRolesAsync("managed").DefaultTimeout();

        var members = await owner.GetJsonAsync("/api/documents/managed/members").DefaultTimeout();
        var viewerRole = await owner.GetJsonAsync($"/api/documents/managed/members/{Viewer.Id}").DefaultTimeout();
        using var viewerApi = Host.ApiAs(Viewer.Token);
        var ownRole = await viewerApi.GetJsonAsync($"/api/documents/managed/members/{Viewer.Id}").DefaultTimeout();
        using var othersRole = await viewerApi.GetAsync($"/api/documents/managed/members/{Editor.Id}").DefaultTimeout();
        var strangerRole = await owner.GetJsonAsync($"/api/documents/managed/members/{_stranger.Id}").DefaultTimeout();

        Assert.Equal(
            [(Editor.Id, "editor"), (Owner.Id, "owner"), (Viewer.Id, "viewer")],
            members.EnumerateArray().Select(m => (m.GetProperty("userId").GetString(), m.GetProperty("role").GetString())));
        Assert.Equal("viewer", viewerRole.GetProperty("role").GetString());
        Assert.Equal("viewer", ownRole.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, othersRole.StatusCode);
        Assert.Equal("none", strangerRole.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData(1, "{\"role\":\"admin\"}")]
    [InlineData(2, "{\"role\":\"none\"}")]
    [InlineData(3, "{}")]
    [InlineData(4, "{\"role\":5}")]
    [InlineData(5, "not json")]
    public async Task SetRole_RefusesBadBodies(int n, string body)
    {
        string id = "bad-body-" + n;
        using var owner = await DocumentWithRolesAsync(id).DefaultTimeout();

        using var response = await owner.Http.PutAsync($"/api/documents/{id}/members/{_stranger.Id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json")).DefaultTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("none", (await owner.GetJsonAsync($"/api/documents/{id}/members/{_stranger.Id}").DefaultTimeout()).GetProperty("role").GetString());
    }

    [Fact]
    [Trait("Promise", "security.last-owner-kept")]
    public async Task TheLastOwner_CannotBeRemovedOrDemoted_ButASecondOwnerCanLeave()
    {
        using var owner = await DocumentWithRolesAsync("owned").DefaultTimeout();

        using var demote = await owner.SetRoleAsync("owned", Owner.Id, "editor").DefaultTimeout();
        using var revoke = await owner.RevokeAsync("owned", Owner.Id).DefaultTimeout();
        await owner.SetRoleOkAsync("owned", Editor.Id, "owner").DefaultTimeout();
        using var leave = await owner.RevokeAsync("owned", Owner.Id).DefaultTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, leave.StatusCode);
        using var editorApi = Host.ApiAs(Editor.Token);
        var members = await editorApi.GetJsonAsync("/api/documents/owned/members").DefaultTimeout();
        Assert.DoesNotContain(members.EnumerateArray(), m => m.GetProperty("userId").GetString() == Owner.Id);
    }

    [Fact]
    [Trait("Promise", "security.downgrade-applies-at-once")]
    public async Task Downgrade_FromEditorToViewer_AppliesToTheJoinedConnectionAtOnce()
    {
        using var owner = await DocumentWithRolesAsync("downgraded").DefaultTimeout();
        await using var editor = await Host.ConnectAsync(Editor.Token).DefaultTimeout();
        await editor.Json.JoinAsync("downgraded").DefaultTimeout();
        await editor.SubmitAsync("downgraded", 0, new object[] { 5, "!" }, "editor-client", 1).DefaultTimeout();

        await owner.SetRoleOkAsync("downgraded", Editor.Id, "viewer").DefaultTimeout();
        string code = await TestHubClient.ErrorCodeAsync(editor.SubmitAsync("downgraded", 1, new object[] { 6, "?" }, "editor-client", 2)).DefaultTimeout();
        await owner.SetRoleOkAsync("downgraded", Editor.Id, "editor").DefaultTimeout();
        int revision = await editor.SubmitAsync("downgraded", 1, new object[] { 6, "?" }, "editor-client", 2).DefaultTimeout();

        Assert.Equal("forbidden", code);
        Assert.Equal(2, revision);
        Assert.Equal("hello!?", (await owner.GetJsonAsync("/api/documents/downgraded").DefaultTimeout()).GetProperty("text").GetString());
    }

    [Fact]
    [Trait("Promise", "security.creator-is-owner")]
    public async Task CreatedDocuments_AreOwnedByTheTokensUser()
    {
        using var api = Host.ApiAs(_stranger.Token);
        await api.CreateOkAsync("mine").DefaultTimeout();

        var document = await api.GetJsonAsync("/api/documents/mine").DefaultTimeout();
        var members = await api.GetJsonAsync("/api/documents/mine/members").DefaultTimeout();

        Assert.Equal("mine", document.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Array, members.ValueKind);
        Assert.Equal(_stranger.Id, members[0].GetProperty("userId").GetString());
        Assert.Equal("owner", members[0].GetProperty("role").GetString());
    }
}
