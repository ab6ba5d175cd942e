using CollabDocs.Storage.Tests.Infrastructure;

namespace CollabDocs.Storage.Tests;

public abstract partial class DocumentStoreSpecification<TFixture>
{
    [StoreFact]
    public async Task Roles_GrantReplaceRevoke_AndListMembersByUser()
    {
        string id = NewId();
        await Store.CreateAsync(id, "", "ada").DefaultTimeout();

        await Store.SetRoleAsync(id, "carol", DocumentRole.Viewer).DefaultTimeout();
        await Store.SetRoleAsync(id, "bob", DocumentRole.Viewer).DefaultTimeout();
        await Store.SetRoleAsync(id, "bob", DocumentRole.Editor).DefaultTimeout();

        Assert.Equal(DocumentRole.Editor, await Store.GetRoleAsync(id, "bob").DefaultTimeout());
        Assert.Equal(
            [new DocumentMember("ada", DocumentRole.Owner), new DocumentMember("bob", DocumentRole.Editor), new DocumentMember("carol", DocumentRole.Viewer)],
            await Store.GetMembersAsync(id).DefaultTimeout());

        await Store.SetRoleAsync(id, "carol", DocumentRole.None).DefaultTimeout();
        Assert.Equal(DocumentRole.None, await Store.GetRoleAsync(id, "carol").DefaultTimeout());
        Assert.Equal(2, (await Store.GetMembersAsync(id).DefaultTimeout()).Count);
        Assert.Equal(DocumentRole.None, await Store.GetRoleAsync(NewId(), "ada").DefaultTimeout());
    }
}
