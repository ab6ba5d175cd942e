using System.Net;
using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Roles;

/// <summary>
/// docs/security.md, Share links: revoking a link revokes its token at once. HTTP calls, negotiate and WebSockets with
/// it get 401 on the node that revoked it, its connections are closed; another node sharing the store closes its
/// connections and refuses the token within <c>RevocationRecheckInterval</c>.
/// </summary>
public sealed class ShareLinkRevocationTests : IAsyncDisposable
{
    private readonly TestUser _owner = TestUser.Named("Owner");
    private readonly TestUser _reader = TestUser.Named("Reader");
    private readonly string _folder = Directory.CreateTempSubdirectory("collabdocs-link-revocation-").FullName;
    private readonly TestHost _node;

    public ShareLinkRevocationTests() => _node = TestHost.Jwt(dataDirectory: _folder);

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync().DefaultTimeout();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<(string Token, string LinkId)> ShareAsync(ApiClient owner, string id)
    {
        await owner.CreateOkAsync(id, "shared text").DefaultTimeout();
        using var response = await owner.Http.PostAsync($"/api/documents/{id}/share", null).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = JsonDocument.Parse(await response.Content.ReadAsStringAsync().DefaultTimeout()).RootElement;
        return (link.GetProperty("token").GetString()!, link.GetProperty("userId").GetString()!);
    }

    [Fact]
    [Trait("Promise", "security.revoked-link-token-refused")]
    public async Task RevokedShareLink_Gets401_OnHttpAtNegotiateAndOnAWebSocket_ItsConnectionIsClosed_AndOtherUsersAreUnaffected()
    {
        using var owner = _node.ApiAs(_owner.Token);
        var (token, linkId) = await ShareAsync(owner, "revoked-link").DefaultTimeout();
        await owner.SetRoleOkAsync("revoked-link", _reader.Id, "viewer").DefaultTimeout();
        using var linkApi = _node.ApiAs(token);
        Assert.Equal("shared text", (await linkApi.GetJsonAsync("/api/documents/revoked-link").DefaultTimeout()).GetProperty("text").GetString());
        await using var linkSocket = await _node.ConnectRawAsync(token).DefaultTimeout();
        await using var readerHub = await _node.ConnectAsync(_reader.Token).DefaultTimeout();
        await readerHub.Json.JoinAsync("revoked-link").DefaultTimeout();

        using var revoke = await owner.RevokeAsync("revoked-link", linkId).DefaultTimeout();

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.True((await linkSocket.CompletionAsync(null).DefaultTimeout()).Closed, "The link's open connection was not closed.");
        using var refused = await linkApi.GetAsync("/api/documents/revoked-link").DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("unauthenticated", await ApiClient.CodeOfAsync(refused).DefaultTimeout());
        using var list = await linkApi.GetAsync("/api/documents").DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        var negotiate = await Assert.ThrowsAsync<HttpRequestException>(() => _node.ConnectAsync(token)).DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        var socket = await Assert.ThrowsAnyAsync<Exception>(() => _node.ConnectRawAsync(token)).DefaultTimeout();
        Assert.Contains("401", socket.Message, StringComparison.Ordinal);

        // A user given a role directly keeps it; the owner is unaffected.
        Assert.Equal("shared text", (await readerHub.Json.JoinAsync("revoked-link").DefaultTimeout()).GetProperty("text").GetString());
        Assert.Equal("shared text", (await owner.GetJsonAsync("/api/documents/revoked-link").DefaultTimeout()).GetProperty("text").GetString());
    }

    [Fact]
    [Trait("Promise", "security.revoked-link-refused-on-other-nodes")]
    public async Task ShareLinkRevokedThroughOneNode_IsClosedAndRefusedOnAnother_WithinTheRecheckInterval()
    {
        await using var nodeB = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Auth:RevocationRecheckInterval"] = "00:00:01" }, dataDirectory: _folder);
        using var owner = _node.ApiAs(_owner.Token);
        var (token, linkId) = await ShareAsync(owner, "two-node-link").DefaultTimeout();
        using var linkOnB = nodeB.ApiAs(token);
        Assert.Equal("shared text", (await linkOnB.GetJsonAsync("/api/documents/two-node-link").DefaultTimeout()).GetProperty("text").GetString());
        await using var socketOnB = await nodeB.ConnectRawAsync(token).DefaultTimeout();
        await using var ownerOnB = await nodeB.ConnectRawAsync(_owner.Token).DefaultTimeout();

        using var revoke = await owner.RevokeAsync("two-node-link", linkId).DefaultTimeout();
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        // Node B reads the revocation at its next recheck (every second here): the connection is closed, the token refused.
        Assert.True((await socketOnB.CompletionAsync(null).DefaultTimeout()).Closed, "The link's connection on the other node was not closed.");
        using var refused = await linkOnB.GetAsync("/api/documents/two-node-link").DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False((await ownerOnB.InvokeAsync("Leave", "\"two-node-link\"").DefaultTimeout()).Closed);
    }
}
