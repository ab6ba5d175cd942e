using System.Net;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Roles;

/// <summary>
/// The members API's question about one user (<c>GET …/members/{userId}</c>): owners may ask about anyone, every
/// other member about itself only; and user ids of 1–256 characters.
/// </summary>
public sealed class MemberQueryTests : OwnerEditorViewerTests
{
    [Fact]
    [Trait("Promise", "security.members-others-ask-about-themselves")]
    public async Task EditorsAndViewers_MayAskAboutThemselvesOnly_OwnersAboutAnyone()
    {
        using var owner = await DocumentWithRolesAsync("asked", string.Empty).DefaultTimeout();
        using var editor = Host.ApiAs(Editor.Token);
        using var viewer = Host.ApiAs(Viewer.Token);

        foreach (var (api, self, role, other) in new[] { (editor, Editor, "editor", Viewer), (editor, Editor, "editor", Owner), (viewer, Viewer, "viewer", Editor), (viewer, Viewer, "viewer", Owner) })
        {
            var own = await api.GetJsonAsync($"/api/documents/asked/members/{self.Id}").DefaultTimeout();
            Assert.Equal((self.Id, role), (own.GetProperty("userId").GetString(), own.GetProperty("role").GetString()));
            using var others = await api.GetAsync($"/api/documents/asked/members/{other.Id}").DefaultTimeout();
            Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
            Assert.Equal("forbidden", await ApiClient.CodeOfAsync(others).DefaultTimeout());
            using var list = await api.GetAsync("/api/documents/asked/members").DefaultTimeout();
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }

        foreach (var (user, role) in new[] { (Owner, "owner"), (Editor, "editor"), (Viewer, "viewer") })
        {
            var asked = await owner.GetJsonAsync($"/api/documents/asked/members/{user.Id}").DefaultTimeout();
            Assert.Equal(role, asked.GetProperty("role").GetString());
        }
    }

    [Fact]
    [Trait("Promise", "security.member-user-id-limits")]
    public async Task UserIds_Of256Characters_AreAccepted_LongerOnesAreInvalid()
    {
        using var owner = Host.ApiAs(Owner.Token);
        await owner.CreateOkAsync("ids").DefaultTimeout();
        string longest = "dev:" + new string('u', 252);
        string tooLong = longest + "u";

        await owner.SetRoleOkAsync("ids", longest, "viewer").DefaultTimeout();
        using (var refused = await owner.SetRoleAsync("ids", tooLong, "viewer").DefaultTimeout())
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("invalid_argument", await ApiClient.CodeOfAsync(refused).DefaultTimeout());
        }

        using (var asked = await owner.GetAsync($"/api/documents/ids/members/{tooLong}").DefaultTimeout())
        {
            Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
            Assert.Equal("invalid_argument", await ApiClient.CodeOfAsync(asked).DefaultTimeout());
        }

        var members = await owner.GetJsonAsync("/api/documents/ids/members").DefaultTimeout();
        Assert.Equal(
            [(Owner.Id, "owner"), (longest, "viewer")],
            members.EnumerateArray().Select(m => (m.GetProperty("userId").GetString(), m.GetProperty("role").GetString())).OrderBy(m => m.Item1, StringComparer.Ordinal));
    }
}
