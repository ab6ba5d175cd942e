using System.Net;
using System.Net.Http.Headers;
using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Auth;

/// <summary>
/// docs/security.md, Tokens: what a node knows of revoked tokens when the store cannot be read, and tokens that carry
/// no issue time. The recheck interval is 0, so every request reads the store: a store outage is met on every
/// request, and only what the node last read can answer it.
/// </summary>
public sealed class RevocationOutageTests : IAsyncDisposable
{
    private readonly TestUser _ada = TestUser.Named("Ada");
    private readonly TestUser _bob = TestUser.Named("Bob");
    private readonly StoreOutage _outage;
    private readonly TestHost _node;

    public RevocationOutageTests()
    {
        StoreOutage? outage = null;
        _node = TestHost.Jwt(
            new Dictionary<string, string?> { ["CollabDocs:Auth:RevocationRecheckInterval"] = "00:00:00" },
            configureServices: services => outage = StoreOutage.Install(services));
        _ = _node.Server; // builds the host, which installs the outage switch
        _outage = outage!;
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();

    [Fact]
    [Trait("Promise", "security.revocation-kept-through-store-outage")]
    public async Task WhileTheStoreCannotBeRead_ARevokedTokenStaysRefused_AndOtherTokensStayAccepted()
    {
        await SignOutAsync(_ada.Token).DefaultTimeout();
        Assert.Equal(HttpStatusCode.Unauthorized, await NegotiateAsync(_ada.Token).DefaultTimeout());
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(_bob.Token).DefaultTimeout());

        int failedBefore = FailedReads();
        _outage.IsDown = true;
        var during = new[]
        {
            await NegotiateAsync(_ada.Token).DefaultTimeout(),
            await NegotiateAsync(_bob.Token).DefaultTimeout(),
            await NegotiateAsync(TestUser.Named("Carol").Token).DefaultTimeout(), // never read before the outage
        };
        int failedReads = FailedReads() - failedBefore;
        _outage.IsDown = false;

        // Each request's read met the outage (nothing was answered from a fresh read), and what was last read stood.
        Assert.True(failedReads >= 3, $"{failedReads} revocation reads failed during the outage");
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK], during);

        // Back: the store answers again, with the same outcome.
        Assert.Equal(HttpStatusCode.Unauthorized, await NegotiateAsync(_ada.Token).DefaultTimeout());
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(_bob.Token).DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "security.token-without-iat-revoked")]
    public async Task AfterASignOut_ATokenWithoutAnIssueTime_IsRefused_WhileOneIssuedLaterIsAccepted()
    {
        var later = DateTimeOffset.UtcNow.AddSeconds(3);
        string withoutIssueTime = TestTokens.For(_ada.Id, _ada.Name, notBefore: later, issuedAt: false);
        string issuedLater = TestTokens.For(_ada.Id, _ada.Name, notBefore: later);
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(withoutIssueTime).DefaultTimeout());

        await SignOutAsync(_ada.Token).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, await NegotiateAsync(withoutIssueTime).DefaultTimeout());
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(issuedLater).DefaultTimeout());
    }

    private int FailedReads() => _node.Logs.Entries.Count(e => e.EventId.Name == "RevocationReadFailed");

    private async Task SignOutAsync(string token)
    {
        using var api = _node.ApiAs(token);
        using var response = await api.Http.PostAsync(new Uri("/api/auth/signout-everywhere", UriKind.Relative), content: null).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The status of the hub's negotiate with <paramref name="token"/>: the token is checked there, and nothing else reads the store.</summary>
    private async Task<HttpStatusCode> NegotiateAsync(string token)
    {
        using var http = _node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/hubs/docs/negotiate?negotiateVersion=1", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request).DefaultTimeout();
        return response.StatusCode;
    }
}
