using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Auth;

/// <summary>
/// docs/security.md, Tokens: <c>POST /api/auth/signout-everywhere</c> revokes every token of the caller issued until
/// then, on HTTP and at the hub, and closes the caller's open hub connections; later tokens and other users are unaffected.
/// </summary>
public sealed class SignOutEverywhereTests : IAsyncDisposable
{
    private const string Path = "/api/auth/signout-everywhere";

    private readonly TestUser _ada = TestUser.Named("Ada");
    private readonly TestUser _bob = TestUser.Named("Bob");
    private readonly string _folder = Directory.CreateTempSubdirectory("collabdocs-signout-").FullName;
    private readonly TestHost _node;

    public SignOutEverywhereTests() => _node = TestHost.Jwt(dataDirectory: _folder);

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync().DefaultTimeout();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    [Trait("Promise", "security.signout-refuses-earlier-tokens")]
    [Trait("Promise", "security.signout-closes-connections")]
    public async Task SignOutEverywhere_RefusesEarlierTokens_OnHttpAndAtTheHub_ClosesTheirConnections_AndLeavesLaterTokensAndOtherUsersAlone()
    {
        using (var owner = _node.ApiAs(_ada.Token))
        {
            await owner.CreateOkAsync("signed-out", "text").DefaultTimeout();
            await owner.SetRoleOkAsync("signed-out", _bob.Id, "editor").DefaultTimeout();
        }

        await using var adaSocket = await _node.ConnectRawAsync(_ada.Token).DefaultTimeout();
        await using var adaHub = await _node.ConnectAsync(_ada.Token).DefaultTimeout();
        await adaHub.Json.JoinAsync("signed-out").DefaultTimeout();
        await using var bobHub = await _node.ConnectAsync(_bob.Token).DefaultTimeout();
        await bobHub.Json.JoinAsync("signed-out").DefaultTimeout();

        using var api = _node.ApiAs(_ada.Token);
        using var signOut = await api.Http.PostAsync(new Uri(Path, UriKind.Relative), content: null).DefaultTimeout();
        var answer = await signOut.Content.ReadFromJsonAsync<JsonElement>().DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        Assert.Equal(_ada.Id, answer.GetProperty("userId").GetString());
        Assert.Equal(2, answer.GetProperty("closedConnections").GetInt32());
        Assert.True((await adaSocket.CompletionAsync(null).DefaultTimeout()).Closed, "Ada's open connection was not closed.");

        // The earlier token: 401 unauthenticated on the API, at negotiate and on a WebSocket that skips it.
        using var refused = await api.GetAsync("/api/documents/signed-out").DefaultTimeout();
        var negotiate = await Assert.ThrowsAsync<HttpRequestException>(() => _node.ConnectAsync(_ada.Token)).DefaultTimeout();
        var socket = await Assert.ThrowsAnyAsync<Exception>(() => _node.ConnectRawAsync(_ada.Token)).DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("unauthenticated", await ApiClient.CodeOfAsync(refused).DefaultTimeout());
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Contains("401", socket.Message, StringComparison.Ordinal);

        // A token issued after the sign-out works; so do the other user's token and connection.
        string fresh = TestTokens.For(_ada.Id, _ada.Name, notBefore: DateTimeOffset.UtcNow.AddSeconds(2));
        using var again = _node.ApiAs(fresh);
        Assert.Equal("text", (await again.GetJsonAsync("/api/documents/signed-out").DefaultTimeout()).GetProperty("text").GetString());
        await using var adaAgain = await _node.ConnectAsync(fresh).DefaultTimeout();
        Assert.Equal("owner", (await adaAgain.Json.JoinAsync("signed-out").DefaultTimeout()).GetProperty("role").GetString());
        Assert.Equal(1, await bobHub.SubmitAsync("signed-out", 0, new object[] { "b", 4 }, "bob", 1).DefaultTimeout());
        using var bobApi = _node.ApiAs(_bob.Token);
        Assert.Equal("btext", (await bobApi.GetJsonAsync("/api/documents/signed-out").DefaultTimeout()).GetProperty("text").GetString());
    }

    [Fact]
    [Trait("Promise", "security.signout-reaches-other-nodes")]
    public async Task SignOutEverywhere_ThroughAnotherNode_ClosesThisNodesConnections_AndRefusesTheTokenHere()
    {
        await using var nodeB = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Auth:RevocationRecheckInterval"] = "00:00:01" }, dataDirectory: _folder);
        using (var owner = _node.ApiAs(_ada.Token))
        {
            await owner.CreateOkAsync("two-nodes", "text").DefaultTimeout();
        }

        using var apiB = nodeB.ApiAs(_ada.Token);
        Assert.Equal("text", (await apiB.GetJsonAsync("/api/documents/two-nodes").DefaultTimeout()).GetProperty("text").GetString());
        await using var onB = await nodeB.ConnectRawAsync(_ada.Token).DefaultTimeout();
        await using var bobOnB = await nodeB.ConnectRawAsync(_bob.Token).DefaultTimeout();

        using var apiA = _node.ApiAs(_ada.Token);
        using var signOut = await apiA.Http.PostAsync(new Uri(Path, UriKind.Relative), content: null).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);

        // Node B reads the revocation at its next recheck (every second here), closes the connection and refuses the token.
        Assert.True((await onB.CompletionAsync(null).DefaultTimeout()).Closed, "The connection on the other node was not closed.");
        using var refused = await apiB.GetAsync("/api/documents/two-nodes").DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False((await bobOnB.InvokeAsync("Leave", "\"two-nodes\"").DefaultTimeout()).Closed);
    }

    [Fact]
    public async Task SignOutEverywhere_WithoutAToken_Is401()
    {
        using var anonymous = _node.ApiAs(token: null);

        using var response = await anonymous.Http.PostAsync(new Uri(Path, UriKind.Relative), content: null).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", await ApiClient.CodeOfAsync(response).DefaultTimeout());
    }
}
