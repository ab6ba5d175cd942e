using CollabDocs.Storage.Tests.Infrastructure;

namespace CollabDocs.Storage.Tests;

public abstract partial class DocumentStoreSpecification<TFixture>
{
    [StoreFact]
    public async Task TokenRevocations_StartAbsent_OnlyMoveLater_AndArePerUser()
    {
        string user = "revoked-" + NewId();
        string other = "other-" + NewId();
        var first = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_123);
        Assert.Null(await Store.GetTokensRevokedBeforeAsync(user).DefaultTimeout());

        var recorded = await Store.RevokeTokensAsync(user, first).DefaultTimeout();
        var earlier = await Store.RevokeTokensAsync(user, first.AddMinutes(-5)).DefaultTimeout();
        var read = await Store.GetTokensRevokedBeforeAsync(user).DefaultTimeout();
        var later = await Store.RevokeTokensAsync(user, first.AddSeconds(2)).DefaultTimeout();

        Assert.Equal(first, recorded);
        Assert.Equal(first, earlier);
        Assert.Equal(first, read);
        Assert.Equal(first.AddSeconds(2), later);
        Assert.Equal(first.AddSeconds(2), await Store.GetTokensRevokedBeforeAsync(user).DefaultTimeout());
        Assert.Null(await Store.GetTokensRevokedBeforeAsync(other).DefaultTimeout());
    }

    [StoreFact]
    public async Task TokenRevocations_Recent_AreListedForOtherNodes()
    {
        string user = "listed-" + NewId();
        var stamp = DateTimeOffset.FromUnixTimeMilliseconds(4_000_000_000_000);
        await Store.RevokeTokensAsync(user, stamp).DefaultTimeout();

        var since = await Store.GetTokenRevocationsAsync(stamp.AddSeconds(-1)).DefaultTimeout();
        var after = await Store.GetTokenRevocationsAsync(stamp).DefaultTimeout();

        Assert.Contains(new TokenRevocation(user, stamp), since);
        Assert.DoesNotContain(after, r => r.UserId == user);
    }

    [StoreFact]
    public async Task TokenRevocations_OfOneUserAtOnce_KeepTheLatest()
    {
        string user = "racing-" + NewId();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Store.RevokeTokensAsync(user, start.AddSeconds(i)))).DefaultTimeout();

        Assert.Equal(start.AddSeconds(7), await Store.GetTokensRevokedBeforeAsync(user).DefaultTimeout());
    }
}
