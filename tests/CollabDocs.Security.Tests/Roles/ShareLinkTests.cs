using System.Net;
using System.Text.Json;
using CollabDocs.Security.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollabDocs.Security.Tests.Roles;

/// <summary>Read-only share links: a token bound to one document and the viewer role.</summary>
public sealed class ShareLinkTests : IAsyncDisposable
{
    private readonly TestHost _factory = TestHost.Jwt();
    private readonly TestUser _owner = TestUser.Named("Owner");

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<(ApiClient Owner, JsonElement Link)> ShareAsync(string id)
    {
        var api = _factory.ApiAs(_owner.Token);
        await api.CreateOkAsync(id, "shared text").DefaultTimeout();
        using var response = await api.Http.PostAsync($"/api/documents/{id}/share", null).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (api, JsonDocument.Parse(await response.Content.ReadAsStringAsync().DefaultTimeout()).RootElement.Clone());
    }

    [Fact]
    [Trait("Promise", "security.share-link-one-document")]
    public async Task ShareLink_GrantsViewerOnItsDocument_AndNothingElse()
    {
        var (owner, link) = await ShareAsync("shared").DefaultTimeout();
        await owner.CreateOkAsync("not-shared", "private").DefaultTimeout();
        string token = link.GetProperty("token").GetString()!;
        using var linkApi = _factory.ApiAs(token);
        await using var hub = await _factory.ConnectAsync(token).DefaultTimeout();

        var joined = await hub.Json.JoinAsync("shared").DefaultTimeout();
        string submit = await TestHubClient.ErrorCodeAsync(hub.SubmitAsync("shared", 0, new object[] { "x", 11 }, "link-client", 1)).DefaultTimeout();
        string otherJoin = await TestHubClient.ErrorCodeAsync(hub.Json.JoinAsync("not-shared")).DefaultTimeout();
        using var otherRead = await linkApi.GetAsync("/api/documents/not-shared").DefaultTimeout();
        using var create = await linkApi.CreateAsync("by-link").DefaultTimeout();
        using var reshare = await linkApi.Http.PostAsync("/api/documents/shared/share", null).DefaultTimeout();
        var list = await linkApi.GetJsonAsync("/api/documents").DefaultTimeout();

        Assert.Equal("viewer", link.GetProperty("role").GetString());
        Assert.Equal("shared", link.GetProperty("documentId").GetString());
        Assert.StartsWith("share:", link.GetProperty("userId").GetString(), StringComparison.Ordinal);
        Assert.Equal("viewer", joined.GetProperty("role").GetString());
        Assert.Equal("shared text", joined.GetProperty("text").GetString());
        Assert.Equal("forbidden", submit);
        Assert.Equal("forbidden", otherJoin);
        Assert.Equal(HttpStatusCode.Forbidden, otherRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reshare.StatusCode);
        Assert.Equal(["shared"], list.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal("shared text", (await linkApi.GetJsonAsync("/api/documents/shared").DefaultTimeout()).GetProperty("text").GetString());
    }

    /// <summary>docs/security.md: "The link works until it expires (ShareLinkLifetime) or an owner revokes it".</summary>
    [Fact]
    [Trait("Promise", "security.share-link-expires")]
    public async Task ShareLink_StopsWorking_WhenItsLifetimeIsOver()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var lifetime = TimeSpan.FromHours(2);
        await using var factory = TestHost.Jwt(
            new Dictionary<string, string?> { ["CollabDocs:Auth:ShareLinkLifetime"] = "02:00:00", ["CollabDocs:Auth:ClockSkew"] = "00:01:00" },
            configureServices: services => services.AddSingleton<TimeProvider>(clock));
        using var owner = factory.ApiAs(_owner.Token);
        await owner.CreateOkAsync("timed", "for a while").DefaultTimeout();
        using var response = await owner.Http.PostAsync("/api/documents/timed/share", null).DefaultTimeout();
        var link = JsonDocument.Parse(await response.Content.ReadAsStringAsync().DefaultTimeout()).RootElement.Clone();
        Assert.Equal(clock.GetUtcNow() + lifetime, link.GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        using var viewer = factory.ApiAs(link.GetProperty("token").GetString());

        // Just before the end (lifetime, plus the clock skew tolerated on exp): it works.
        clock.Advance(lifetime + TimeSpan.FromSeconds(50));
        Assert.Equal("for a while", (await viewer.GetJsonAsync("/api/documents/timed").DefaultTimeout()).GetProperty("text").GetString());

        // After it: 401 unauthenticated, on the API and at the hub's negotiate.
        clock.Advance(TimeSpan.FromSeconds(20));
        using var expired = await viewer.GetAsync("/api/documents/timed").DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("unauthenticated", await ApiClient.CodeOfAsync(expired).DefaultTimeout());
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => factory.ConnectAsync(link.GetProperty("token").GetString())).DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    /// <summary>docs/security.md: revoking a link closes the connections opened with its token at once.</summary>
    [Fact]
    [Trait("Promise", "security.share-link-revoke-disconnects")]
    public async Task ShareLink_Revoked_ClosesTheConnectionsOpenedWithIt()
    {
        var (owner, link) = await ShareAsync("closed-link").DefaultTimeout();
        string token = link.GetProperty("token").GetString()!;
        await using var hub = await _factory.ConnectAsync(token).DefaultTimeout();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.Json.JoinAsync("closed-link").DefaultTimeout();

        using var revoke = await owner.RevokeAsync("closed-link", link.GetProperty("userId").GetString()!).DefaultTimeout();

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await closed.Task.DefaultTimeout();
        Assert.Equal(HubConnectionState.Disconnected, hub.Connection.State);
    }

    [Fact]
    public async Task ShareLink_StopsWorking_WhenRevoked()
    {
        var (owner, link) = await ShareAsync("unshared").DefaultTimeout();
        string token = link.GetProperty("token").GetString()!;
        await using var hub = await _factory.ConnectAsync(token).DefaultTimeout();
        await hub.Json.JoinAsync("unshared").DefaultTimeout();

        using var revoke = await owner.RevokeAsync("unshared", link.GetProperty("userId").GetString()!).DefaultTimeout();

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal("access_revoked", (await TestHubClient.NextAsync(hub.Json.Closed).DefaultTimeout()).GetProperty("reason").GetString());
        using var linkApi = _factory.ApiAs(token);
        using var read = await linkApi.GetAsync("/api/documents/unshared").DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal("unauthenticated", await ApiClient.CodeOfAsync(read).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "security.share-link-one-document")]
    public async Task ShareLinkUsers_CannotBeGrantedMoreThanViewer()
    {
        var (owner, link) = await ShareAsync("capped").DefaultTimeout();

        using var grant = await owner.SetRoleAsync("capped", link.GetProperty("userId").GetString()!, "editor").DefaultTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, grant.StatusCode);
    }

    [Fact]
    public async Task TokenBoundToADocument_IsCappedAtItsClaimedRole_EvenIfTheStoreSaysMore()
    {
        // A hand-made token with the share claims for a user that is an owner in the store: still only a viewer.
        using var api = _factory.ApiAs(_owner.Token);
        await api.CreateOkAsync("bound").DefaultTimeout();
        string bound = TestTokens.For(_owner.Id, claims: new Dictionary<string, object> { ["collabdocs_doc"] = "bound", ["collabdocs_role"] = "viewer" });
        await using var hub = await _factory.ConnectAsync(bound).DefaultTimeout();

        var joined = await hub.Json.JoinAsync("bound").DefaultTimeout();

        Assert.Equal("viewer", joined.GetProperty("role").GetString());
        Assert.Equal("forbidden", await TestHubClient.ErrorCodeAsync(hub.SubmitAsync("bound", 0, new object[] { "x" }, "bound-client", 1)).DefaultTimeout());
    }
}
