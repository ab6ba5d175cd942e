using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollabDocs.Security.Tests.Auth;

/// <summary>
/// Two nodes on one store (two test hosts on one SQLite file) configured with the same signing key, issuer
/// and audience. docs/cluster.md: "the same key on every node (a token issued by one node is checked by the
/// others)"; docs/security.md: "Several nodes must share the same SigningKey, Issuer and Audience";
/// "Connections on other nodes learn of the change within MembershipRecheckInterval (15 s): each node
/// periodically compares its cached roles with the store".
/// </summary>
public sealed class MultiNodeTokenTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("collabdocs-two-nodes-").FullName;
    private readonly FakeTimeProvider _clockB = new(DateTimeOffset.UtcNow);
    private readonly TestHost _nodeA;
    private readonly TestHost _nodeB;

    public MultiNodeTokenTests()
    {
        _nodeA = TestHost.Jwt(dataDirectory: _folder);
        _nodeB = TestHost.Jwt(dataDirectory: _folder, configureServices: services => services.AddSingleton<TimeProvider>(_clockB));
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeA.DisposeAsync().DefaultTimeout();
        await _nodeB.DisposeAsync().DefaultTimeout();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    [Trait("Promise", "cluster.token-accepted-by-every-node")]
    public async Task TokensIssuedByOneNode_AreAcceptedByAnother_AndRefusedByANodeWithAnotherKey()
    {
        using var anonymousA = _nodeA.ApiAs(token: null);
        using var issued = await anonymousA.Http.PostAsJsonAsync("/api/dev/token", new { name = "Ada" }).DefaultTimeout();
        string token = (await issued.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout()).GetProperty("token").GetString()!;
        using (var apiA = _nodeA.ApiAs(token))
        {
            await apiA.CreateOkAsync("both", "made on A").DefaultTimeout();
        }

        // Node B checks node A's token: HTTP, negotiate and WebSocket.
        using var apiB = _nodeB.ApiAs(token);
        Assert.Equal("made on A", (await apiB.GetJsonAsync("/api/documents/both").DefaultTimeout()).GetProperty("text").GetString());
        await using var hubB = await _nodeB.ConnectAsync(token).DefaultTimeout();
        var joined = await hubB.Json.JoinAsync("both").DefaultTimeout();
        Assert.Equal("owner", joined.GetProperty("role").GetString()); // B read sub = dev:ada, the creator on A

        // A share link made on A works on B, as a viewer of that document.
        using var ownerA = _nodeA.ApiAs(token);
        using var share = await ownerA.Http.PostAsync("/api/documents/both/share", null).DefaultTimeout();
        string link = (await share.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout()).GetProperty("token").GetString()!;
        await using var viewerB = await _nodeB.ConnectAsync(link).DefaultTimeout();
        Assert.Equal("viewer", (await viewerB.Json.JoinAsync("both").DefaultTimeout()).GetProperty("role").GetString());

        // The control: a node with another key refuses the same token.
        await using var otherKey = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Auth:SigningKey"] = TestTokens.OtherKey }, dataDirectory: _folder);
        using var apiOther = otherKey.ApiAs(token);
        using var refused = await apiOther.GetAsync("/api/documents/both").DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    [Trait("Promise", "security.role-change-reaches-other-nodes")]
    public async Task RoleRevokedThroughOneNode_ReachesTheOtherNodesConnections_ByThePeriodicRecheck()
    {
        var owner = TestUser.Named("Owner");
        var editor = TestUser.Named("Editor");
        using var ownerA = _nodeA.ApiAs(owner.Token);
        await ownerA.CreateOkAsync("recheck", "abc").DefaultTimeout();
        await ownerA.SetRoleOkAsync("recheck", editor.Id, "editor").DefaultTimeout();
        await using var editorB = await _nodeB.ConnectAsync(editor.Token).DefaultTimeout();
        Assert.Equal("editor", (await editorB.Json.JoinAsync("recheck").DefaultTimeout()).GetProperty("role").GetString());

        using var revoke = await ownerA.RevokeAsync("recheck", editor.Id).DefaultTimeout();
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        // Node B's recheck timer (MembershipRecheckInterval, 15 s) fires on its clock: nothing else tells B.
        _clockB.Advance(TimeSpan.FromSeconds(15));
        var closed = await TestHubClient.NextAsync(editorB.Json.Closed).DefaultTimeout();
        Assert.Equal(("recheck", "access_revoked"), (closed.GetProperty("documentId").GetString(), closed.GetProperty("reason").GetString()));
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(editorB.SubmitAsync("recheck", 0, new object[] { 3, "x" }, "editor-client", 1)).DefaultTimeout());
    }
}
