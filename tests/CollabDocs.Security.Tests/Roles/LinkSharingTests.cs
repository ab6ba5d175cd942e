using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Roles;

/// <summary>"Anyone with the link can view / can edit": share links with a role, opened by a signed-in user as themselves.</summary>
public sealed class LinkSharingTests : IAsyncDisposable
{
    private readonly TestHost _factory = TestHost.Jwt();
    private readonly TestUser _owner = TestUser.Named("Owner");
    private readonly TestUser _grace = TestUser.Named("Grace");

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static async Task<JsonElement> LinkAsync(ApiClient owner, string id, string? role)
    {
        using var response = role is null
            ? await owner.Http.PostAsync($"/api/documents/{id}/share", null).DefaultTimeout()
            : await owner.Http.PostAsJsonAsync($"/api/documents/{id}/share", new { role }).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync().DefaultTimeout()).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> RedeemAsync(ApiClient api, string id, string? token) =>
        api.Http.PostAsJsonAsync($"/api/documents/{id}/share/redeem", new { token });

    private static async Task<string?> RoleOfRedeemAsync(ApiClient api, string id, string? token)
    {
        using var response = await RedeemAsync(api, id, token).DefaultTimeout();
        return response.StatusCode == HttpStatusCode.OK
            ? (await response.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout()).GetProperty("role").GetString()
            : await ApiClient.CodeOfAsync(response).DefaultTimeout();
    }

    private static async Task<IReadOnlyList<(string Id, string Role)>> ListAsync(ApiClient api, string filter)
    {
        var list = await api.GetJsonAsync($"/api/documents?filter={filter}").DefaultTimeout();
        return list.EnumerateArray().Select(d => (d.GetProperty("id").GetString()!, d.GetProperty("role").GetString()!)).ToList();
    }

    [Fact]
    [Trait("Promise", "security.share-link-one-document")]
    public async Task EditLink_AsBearerToken_MaySubmitToItsDocumentOnly()
    {
        using var owner = _factory.ApiAs(_owner.Token);
        await owner.CreateOkAsync("edit-link", "text").DefaultTimeout();
        await owner.CreateOkAsync("other", "private").DefaultTimeout();
        var link = await LinkAsync(owner, "edit-link", "editor").DefaultTimeout();
        await using var hub = await _factory.ConnectAsync(link.GetProperty("token").GetString()).DefaultTimeout();

        var joined = await hub.Json.JoinAsync("edit-link").DefaultTimeout();
        int revision = await hub.SubmitAsync("edit-link", 0, new object[] { 4, "!" }, "link-editor", 1).DefaultTimeout();

        Assert.Equal("editor", link.GetProperty("role").GetString());
        Assert.Equal("editor", joined.GetProperty("role").GetString());
        Assert.Equal(1, revision);
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(hub.Json.JoinAsync("other")).DefaultTimeout());
        using var ownerRole = await owner.SetRoleAsync("edit-link", link.GetProperty("userId").GetString()!, "owner").DefaultTimeout();
        Assert.Equal(HttpStatusCode.BadRequest, ownerRole.StatusCode);
    }

    [Fact]
    [Trait("Promise", "security.share-link-not-owner")]
    public async Task Share_WithOwnerRole_IsRefused()
    {
        using var owner = _factory.ApiAs(_owner.Token);
        await owner.CreateOkAsync("no-owner-links").DefaultTimeout();

        using var response = await owner.Http.PostAsJsonAsync("/api/documents/no-owner-links/share", new { role = "owner" }).DefaultTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_argument", await ApiClient.CodeOfAsync(response).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "security.redeem-under-own-identity")]
    [Trait("Promise", "security.list-filter-mine-shared")]
    public async Task RedeemingAnEditLink_LetsTheUserEditAsThemselves_AndListsItAsSharedWithThem()
    {
        using var owner = _factory.ApiAs(_owner.Token);
        await owner.CreateOkAsync("team", "text").DefaultTimeout();
        var link = await LinkAsync(owner, "team", "editor").DefaultTimeout();
        using var grace = _factory.ApiAs(_grace.Token);
        using var before = await grace.GetAsync("/api/documents/team").DefaultTimeout();

        Assert.Equal("editor", await RoleOfRedeemAsync(grace, "team", link.GetProperty("token").GetString()).DefaultTimeout());

        await using var hub = await _factory.ConnectAsync(_grace.Token).DefaultTimeout();
        var joined = await hub.Json.JoinAsync("team").DefaultTimeout();
        await hub.SubmitAsync("team", 0, new object[] { "G", 4 }, "grace-client", 1).DefaultTimeout();
        var operations = await owner.GetJsonAsync("/api/documents/team/operations").DefaultTimeout();
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal("editor", joined.GetProperty("role").GetString());
        Assert.Equal(_grace.Id, operations[0].GetProperty("userId").GetString());
        Assert.Equal([("team", "editor")], await ListAsync(grace, "shared").DefaultTimeout());
        Assert.Empty(await ListAsync(grace, "mine").DefaultTimeout());
        Assert.Equal([("team", "owner")], await ListAsync(owner, "mine").DefaultTimeout());
        var members = await owner.GetJsonAsync("/api/documents/team/members").DefaultTimeout();
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("userId").GetString() == _grace.Id && m.GetProperty("role").GetString() == "editor");
    }

    [Fact]
    [Trait("Promise", "security.redeem-never-lowers")]
    public async Task RedeemingAViewLink_GivesViewerOnly_AndNeverLowersARole()
    {
        using var owner = _factory.ApiAs(_owner.Token);
        await owner.CreateOkAsync("read-me", "text").DefaultTimeout();
        string token = (await LinkAsync(owner, "read-me", null).DefaultTimeout()).GetProperty("token").GetString()!;
        using var grace = _factory.ApiAs(_grace.Token);

        Assert.Equal("viewer", await RoleOfRedeemAsync(grace, "read-me", token).DefaultTimeout());
        Assert.Equal("owner", await RoleOfRedeemAsync(owner, "read-me", token).DefaultTimeout());

        await using var hub = await _factory.ConnectAsync(_grace.Token).DefaultTimeout();
        await hub.Json.JoinAsync("read-me").DefaultTimeout();
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(hub.SubmitAsync("read-me", 0, new object[] { "x", 4 }, "grace-client", 1)).DefaultTimeout());
        using var rename = await grace.Http.PutAsJsonAsync("/api/documents/read-me/title", new { title = "Mine now" }).DefaultTimeout();
        Assert.Equal(HttpStatusCode.Forbidden, rename.StatusCode);
    }

    [Fact]
    [Trait("Promise", "security.redeem-invalid-grants-nothing")]
    [Trait("Promise", "security.redeem-needs-a-user")]
    public async Task Redeem_WithoutAValidTokenForThisDocument_GrantsNothing()
    {
        using var owner = _factory.ApiAs(_owner.Token);
        await owner.CreateOkAsync("guarded").DefaultTimeout();
        await owner.CreateOkAsync("elsewhere").DefaultTimeout();
        string otherLink = (await LinkAsync(owner, "elsewhere", "editor").DefaultTimeout()).GetProperty("token").GetString()!;
        string forged = TestTokens.For("share:0123456789abcdef01234567", claims: new Dictionary<string, object> { ["collabdocs_doc"] = "guarded", ["collabdocs_role"] = "editor" });
        using var grace = _factory.ApiAs(_grace.Token);

        Assert.Equal("forbidden", await RoleOfRedeemAsync(grace, "guarded", otherLink).DefaultTimeout());
        Assert.Equal("forbidden", await RoleOfRedeemAsync(grace, "guarded", "not-a-token").DefaultTimeout());
        Assert.Equal("forbidden", await RoleOfRedeemAsync(grace, "guarded", _owner.Token).DefaultTimeout());
        Assert.Equal("forbidden", await RoleOfRedeemAsync(grace, "guarded", forged).DefaultTimeout()); // signed, but no such link
        Assert.Equal("invalid_argument", await RoleOfRedeemAsync(grace, "guarded", null).DefaultTimeout());
        using var read = await grace.GetAsync("/api/documents/guarded").DefaultTimeout();
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        using var linkItself = _factory.ApiAs(otherLink);
        Assert.Equal("forbidden", await RoleOfRedeemAsync(linkItself, "elsewhere", otherLink).DefaultTimeout());
        using var anonymous = _factory.ApiAs(null);
        using var unauthenticated = await RedeemAsync(anonymous, "elsewhere", otherLink).DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    [Trait("Promise", "security.link-revocation-revokes-grants")]
    [Trait("Promise", "security.direct-grant-survives-link-revocation")]
    public async Task RevokingTheLink_TakesBackWhatItGranted_ButNotDirectGrants()
    {
        using var owner = _factory.ApiAs(_owner.Token);
        await owner.CreateOkAsync("revocable", "text").DefaultTimeout();
        var link = await LinkAsync(owner, "revocable", "editor").DefaultTimeout();
        string token = link.GetProperty("token").GetString()!;
        var ada = TestUser.Named("Ada");
        using var grace = _factory.ApiAs(_grace.Token);
        using var adaApi = _factory.ApiAs(ada.Token);
        await owner.SetRoleOkAsync("revocable", ada.Id, "viewer").DefaultTimeout();
        Assert.Equal("editor", await RoleOfRedeemAsync(grace, "revocable", token).DefaultTimeout());
        Assert.Equal("editor", await RoleOfRedeemAsync(adaApi, "revocable", token).DefaultTimeout());
        await owner.SetRoleOkAsync("revocable", ada.Id, "editor").DefaultTimeout(); // now a direct grant
        await using var hub = await _factory.ConnectAsync(_grace.Token).DefaultTimeout();
        await hub.Json.JoinAsync("revocable").DefaultTimeout();

        using var revoke = await owner.RevokeAsync("revocable", link.GetProperty("userId").GetString()!).DefaultTimeout();

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal("access_revoked", (await TestHubClient.NextAsync(hub.Json.Closed).DefaultTimeout()).GetProperty("reason").GetString());
        using var read = await grace.GetAsync("/api/documents/revocable").DefaultTimeout();
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal("forbidden", await RoleOfRedeemAsync(grace, "revocable", token).DefaultTimeout());
        Assert.Equal("editor", (await adaApi.GetJsonAsync($"/api/documents/revocable/members/{Uri.EscapeDataString(ada.Id)}").DefaultTimeout()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Titles_AreRenamedByEditors_AndListedForEveryoneWithARole()
    {
        using var owner = _factory.ApiAs(_owner.Token);
        using var create = await owner.Http.PostAsJsonAsync("/api/documents", new { id = "titled", title = "  Plans  " }).DefaultTimeout();
        var created = await create.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();
        await owner.SetRoleOkAsync("titled", _grace.Id, "editor").DefaultTimeout();
        using var grace = _factory.ApiAs(_grace.Token);

        using var rename = await grace.Http.PutAsJsonAsync("/api/documents/titled/title", new { title = "Plans for 2027" }).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal("Plans", created.GetProperty("title").GetString());
        Assert.Equal("owner", created.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.Equal("Plans for 2027", (await owner.GetJsonAsync("/api/documents/titled/title").DefaultTimeout()).GetProperty("title").GetString());
        var listed = (await grace.GetJsonAsync("/api/documents").DefaultTimeout()).EnumerateArray().Single();
        Assert.Equal(("Plans for 2027", "editor"), (listed.GetProperty("title").GetString(), listed.GetProperty("role").GetString()));
        using var stranger = _factory.ApiAs(TestUser.Named("Stranger").Token);
        using var strangerRename = await stranger.Http.PutAsJsonAsync("/api/documents/titled/title", new { title = "x" }).DefaultTimeout();
        Assert.Equal(HttpStatusCode.Forbidden, strangerRename.StatusCode);
    }
}
