using System.IO.Pipelines;
using CollabDocs.Server.Hubs;
using CollabDocs.Server.Security;
using Microsoft.Extensions.Time.Testing;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// Issue 10: a connection (and a user) that sends more bytes than its receive budget is not read until the budget
/// refills, so a flood costs the server no parsing; the bytes wait in the transport, nothing is lost.
/// </summary>
public sealed class ReceiveBudgetTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    [Trait("Promise", "security.receive-budget")]
    public async Task ReadsOverTheBudget_WaitForTheRefill_AndEveryByteArrives()
    {
        var pipe = new Pipe();
        var connection = new TokenBucket(new RateLimit { PermitsPerSecond = 1000, Burst = 1000 }, _time);
        var user = new TokenBucket(new RateLimit { PermitsPerSecond = 1000, Burst = 5000 }, _time);
        var reader = new ReceiveBudgetReader(pipe.Reader, connection, user, _time);

        await pipe.Writer.WriteAsync(new byte[3000]).DefaultTimeout();
        var first = await reader.ReadAsync().DefaultTimeout();
        reader.AdvanceTo(first.Buffer.GetPosition(1500));
        await pipe.Writer.WriteAsync(new byte[10]).DefaultTimeout();

        // 1,500 bytes read against a burst of 1,000: the next read waits 0.501 s for one byte of budget.
        var waiting = reader.ReadAsync().AsTask();
        bool triedEarly = reader.TryRead(out _);
        _time.Advance(TimeSpan.FromMilliseconds(400));
        await Task.Delay(50).DefaultTimeout();
        bool doneEarly = waiting.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(101));
        var second = await waiting.DefaultTimeout();

        Assert.Equal(3000, first.Buffer.Length);
        Assert.False(triedEarly);
        Assert.False(doneEarly);
        Assert.Equal(1510, second.Buffer.Length);
    }

    [Fact]
    [Trait("Promise", "security.receive-budget")]
    public async Task TheUsersBudget_IsSharedByItsConnections()
    {
        var user = new TokenBucket(new RateLimit { PermitsPerSecond = 1000, Burst = 1000 }, _time);
        var first = new Pipe();
        var second = new Pipe();
        var firstReader = new ReceiveBudgetReader(first.Reader, new TokenBucket(new RateLimit { PermitsPerSecond = 1000, Burst = 5000 }, _time), user, _time);
        var secondReader = new ReceiveBudgetReader(second.Reader, new TokenBucket(new RateLimit { PermitsPerSecond = 1000, Burst = 5000 }, _time), user, _time);

        await first.Writer.WriteAsync(new byte[2000]).DefaultTimeout();
        await second.Writer.WriteAsync(new byte[10]).DefaultTimeout();
        var read = await firstReader.ReadAsync().DefaultTimeout();
        firstReader.AdvanceTo(read.Buffer.End);
        bool secondCouldRead = secondReader.TryRead(out _);
        _time.Advance(TimeSpan.FromMilliseconds(1001));
        bool secondReadsLater = secondReader.TryRead(out var later);

        Assert.False(secondCouldRead);
        Assert.True(secondReadsLater);
        Assert.Equal(10, later.Buffer.Length);
    }
}
