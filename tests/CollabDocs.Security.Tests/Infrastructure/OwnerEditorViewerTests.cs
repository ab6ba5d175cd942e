namespace CollabDocs.Security.Tests.Infrastructure;

/// <summary>
/// Tests on one JWT test host (<see cref="TestHost.Jwt"/>) about a document's roles, with the three members such a
/// document has: its owner, an editor and a viewer.
/// </summary>
public abstract class OwnerEditorViewerTests : IAsyncDisposable
{
    protected TestHost Host { get; } = TestHost.Jwt();

    private protected TestUser Owner { get; } = TestUser.Named("Owner");

    private protected TestUser Editor { get; } = TestUser.Named("Editor");

    private protected TestUser Viewer { get; } = TestUser.Named("Viewer");

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().DefaultTimeout();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates the document as the owner and gives the editor and the viewer their roles; returns the owner's client.</summary>
    private protected async Task<ApiClient> DocumentWithRolesAsync(string id, string text = "hello")
    {
        var api = Host.ApiAs(Owner.Token);
        await api.CreateOkAsync(id, text).DefaultTimeout();
        await api.SetRoleOkAsync(id, Editor.Id, "editor").DefaultTimeout();
        await api.SetRoleOkAsync(id, Viewer.Id, "viewer").DefaultTimeout();
        return api;
    }
}
