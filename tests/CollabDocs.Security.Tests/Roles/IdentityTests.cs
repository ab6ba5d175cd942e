using CollabDocs.Security.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabDocs.Security.Tests.Roles;

/// <summary>The identity on operations and presence is the token's, whatever the message says.</summary>
public sealed class IdentityTests : IAsyncDisposable
{
    private readonly TestHost _factory = TestHost.Jwt();
    private readonly TestUser _ada = TestUser.Named("Ada");
    private readonly TestUser _mallory = TestUser.Named("Mallory");

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    [Trait("Promise", "security.identity-from-token-only")]
    [Trait("Promise", "protocol.presence-identity-from-server")]
    public async Task SpoofedIdentity_InPresenceAndOperations_IsIgnored()
    {
        using var api = _factory.ApiAs(_ada.Token);
        await api.CreateOkAsync("spoof", "hello world").DefaultTimeout();
        await api.SetRoleOkAsync("spoof", _mallory.Id, "editor").DefaultTimeout();
        await using var ada = await _factory.ConnectAsync(_ada.Token).DefaultTimeout();
        await using var mallory = await _factory.ConnectAsync(_mallory.Token).DefaultTimeout();
        await ada.Json.JoinAsync("spoof").DefaultTimeout();
        await mallory.Json.JoinAsync("spoof").DefaultTimeout();

        // Extra fields claiming to be Ada are not part of the protocol and are dropped.
        await mallory.UpdatePresenceAsync("spoof", 0, new { anchor = 1, head = 4, userId = _ada.Id, name = "Ada", color = "#000000", sessionId = "ada-session" }).DefaultTimeout();
        await mallory.SubmitAsync("spoof", 0, new object[] { 11, "!" }, clientId: "dev-ada", seq: 1).DefaultTimeout();

        var presence = await TestHubClient.NextAsync(ada.Json.Presence).DefaultTimeout();
        while (presence.GetProperty("ranges").GetArrayLength() == 0)
        {
            presence = await TestHubClient.NextAsync(ada.Json.Presence).DefaultTimeout();
        }

        Assert.Equal(_mallory.Id, presence.GetProperty("userId").GetString());
        Assert.Equal("Mallory", presence.GetProperty("name").GetString());
        Assert.Equal(mallory.Connection.ConnectionId, presence.GetProperty("sessionId").GetString());
        var operation = await TestHubClient.NextAsync(ada.Json.Operations).DefaultTimeout();
        Assert.Equal(_mallory.Id, operation.GetProperty("userId").GetString());
        var log = await api.GetJsonAsync("/api/documents/spoof/operations").DefaultTimeout();
        Assert.Equal(_mallory.Id, log[0].GetProperty("userId").GetString());
    }

    [Fact]
    public async Task PresenceWithAnExtraIdentityArgument_IsRefused()
    {
        using var api = _factory.ApiAs(_ada.Token);
        await api.CreateOkAsync("spoof-args", "hello").DefaultTimeout();
        await api.SetRoleOkAsync("spoof-args", _mallory.Id, "editor").DefaultTimeout();
        await using var mallory = await _factory.ConnectAsync(_mallory.Token).DefaultTimeout();
        await mallory.Json.JoinAsync("spoof-args").DefaultTimeout();

        var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(
            () => mallory.Connection.InvokeCoreAsync("UpdatePresence", new object?[] { "spoof-args", 0, new[] { new { anchor = 0, head = 0 } }, "Ada" }).DefaultTimeout()).DefaultTimeout();

        Assert.Contains("Failed to invoke 'UpdatePresence'", error.Message, StringComparison.Ordinal);
    }
}
