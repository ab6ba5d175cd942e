using CollabDocs.Storage.Tests.Infrastructure;

namespace CollabDocs.Storage.Tests;

public abstract partial class DocumentStoreSpecification<TFixture>
{
    [StoreFact]
    public async Task Titles_StartEmpty_AreSet_AndComeBackWithTheHeadAndTheList()
    {
        string id = NewId();
        await Store.CreateAsync(id, "text", "ada").DefaultTimeout();
        Assert.Equal(string.Empty, (await Store.GetAsync(id).DefaultTimeout())!.Title);

        Assert.True(await Store.SetTitleAsync(id, "Plans ✍️").DefaultTimeout());
        Assert.False(await Store.SetTitleAsync(NewId(), "nobody").DefaultTimeout());

        Assert.Equal("Plans ✍️", (await Store.GetAsync(id).DefaultTimeout())!.Title);
        var listed = Assert.Single(await Store.ListWithRolesAsync("ada", owned: null, 10).DefaultTimeout(), l => l.Document.Id == id);
        Assert.Equal(("Plans ✍️", DocumentRole.Owner, 4), (listed.Document.Title, listed.Role, listed.Document.Length));
    }

    [StoreFact]
    public async Task ListWithRoles_SplitsOwnedFromShared_ForOneUser()
    {
        string mine = NewId();
        string shared = NewId();
        string user = "lister-" + NewId();
        await Store.CreateAsync(mine, "", user).DefaultTimeout();
        await Store.CreateAsync(shared, "", "someone-else").DefaultTimeout();
        await Store.SetRoleAsync(shared, user, DocumentRole.Viewer).DefaultTimeout();

        var all = await Store.ListWithRolesAsync(user, owned: null, 10).DefaultTimeout();
        var owned = await Store.ListWithRolesAsync(user, owned: true, 10).DefaultTimeout();
        var others = await Store.ListWithRolesAsync(user, owned: false, 10).DefaultTimeout();

        Assert.Equal(new[] { mine, shared }.Order(StringComparer.Ordinal), all.Select(l => l.Document.Id).Order(StringComparer.Ordinal));
        Assert.Equal([(mine, DocumentRole.Owner)], owned.Select(l => (l.Document.Id, l.Role)));
        Assert.Equal([(shared, DocumentRole.Viewer)], others.Select(l => (l.Document.Id, l.Role)));
    }

    [StoreFact]
    public async Task GrantThroughLink_RaisesOnly_AndRevokingTheLinkTakesBackOnlyItsGrants()
    {
        string id = NewId();
        await Store.CreateAsync(id, "", "owner").DefaultTimeout();
        await Store.SetRoleAsync(id, "share:link", DocumentRole.Editor).DefaultTimeout();
        await Store.SetRoleAsync(id, "direct", DocumentRole.Viewer).DefaultTimeout();

        Assert.Equal(DocumentRole.Editor, await Store.GrantThroughLinkAsync(id, "visitor", DocumentRole.Editor, "share:link").DefaultTimeout());
        Assert.Equal(DocumentRole.Owner, await Store.GrantThroughLinkAsync(id, "owner", DocumentRole.Editor, "share:link").DefaultTimeout());
        Assert.Equal(DocumentRole.Editor, await Store.GrantThroughLinkAsync(id, "direct", DocumentRole.Editor, "share:link").DefaultTimeout());
        await Store.SetRoleAsync(id, "direct", DocumentRole.Editor).DefaultTimeout(); // granted directly now
        Assert.Equal("share:link", (await Store.GetMembersAsync(id).DefaultTimeout()).Single(m => m.UserId == "visitor").GrantedBy);

        var revoked = await Store.RevokeGrantedByAsync(id, "share:link").DefaultTimeout();

        Assert.Equal(["visitor"], revoked);
        Assert.Equal(DocumentRole.None, await Store.GetRoleAsync(id, "visitor").DefaultTimeout());
        Assert.Equal(DocumentRole.Editor, await Store.GetRoleAsync(id, "direct").DefaultTimeout());
        Assert.Equal(DocumentRole.Owner, await Store.GetRoleAsync(id, "owner").DefaultTimeout());
    }
}
