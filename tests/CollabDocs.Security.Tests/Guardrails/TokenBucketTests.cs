using CollabDocs.Server.Security;
using Microsoft.Extensions.Time.Testing;

namespace CollabDocs.Security.Tests.Guardrails;

public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Bucket_AllowsItsBurst_ThenRefusesUntilTimeRefillsIt()
    {
        var bucket = new TokenBucket(new RateLimit { PermitsPerSecond = 2, Burst = 3 }, _time);

        bool[] burst = [.. Enumerable.Range(0, 4).Select(i => bucket.TryTake(out _))];
        bucket.TryTake(out var retry);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        bool early = bucket.TryTake(out _);
        _time.Advance(TimeSpan.FromMilliseconds(2));
        bool refilled = bucket.TryTake(out _);

        Assert.Equal([true, true, true, false], burst);
        Assert.Equal(TimeSpan.FromMilliseconds(500), retry);
        Assert.False(early);
        Assert.True(refilled);
    }

    [Fact]
    public void Bucket_NeverHoldsMoreThanItsBurst()
    {
        var bucket = new TokenBucket(new RateLimit { PermitsPerSecond = 100, Burst = 2 }, _time);
        _time.Advance(TimeSpan.FromHours(1));

        int allowed = Enumerable.Range(0, 10).Count(i => bucket.TryTake(out _));

        Assert.Equal(2, allowed);
        Assert.False(bucket.IsFull);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.IsFull);
    }

    [Fact]
    public void ReturnedToken_CanBeTakenAgain()
    {
        var bucket = new TokenBucket(new RateLimit { PermitsPerSecond = 1, Burst = 1 }, _time);
        Assert.True(bucket.TryTake(out _));

        bucket.Return();

        Assert.True(bucket.TryTake(out _));
        Assert.False(bucket.TryTake(out _));
    }
}
