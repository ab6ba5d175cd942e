using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Logging;

/// <summary>
/// docs/security.md, "Bad input that never reaches CollabDocs": SignalR would log every refused hub call at Error
/// (<c>DefaultHubDispatcher</c>), so a flooding client could flood the logs; CollabDocs caps that category at Critical.
/// </summary>
public sealed class DispatcherLogCapTests
{
    private const string Dispatcher = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    [Fact]
    [Trait("Promise", "security.dispatcher-log-capped")]
    public async Task RefusedHubCalls_LeaveNoEntryOfTheDispatcher_EvenWithSignalRLoggingAtTrace()
    {
        await using var node = TestHost.Jwt(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore.SignalR"] = "Trace" });
        var owner = TestUser.Named("Owner");
        using (var api = node.ApiAs(owner.Token))
        {
            await api.CreateOkAsync("flooded", "abc").DefaultTimeout();
        }

        await using var stranger = await node.ConnectRawAsync(TestUser.Named("Mallory").Token).DefaultTimeout();
        var outcomes = new List<RawOutcome>();
        for (int i = 1; i <= 10; i++)
        {
            outcomes.Add(await stranger.InvokeAsync("Submit", $"\"flooded\",0,[3,\"x\"],\"mallory\",{i}").DefaultTimeout()); // no role
            outcomes.Add(await stranger.InvokeAsync("DropDatabase", string.Empty).DefaultTimeout()); // no such method
            outcomes.Add(await stranger.InvokeAsync("Join", "\"flooded\"").DefaultTimeout()); // too few arguments
        }

        // Every call was refused by an exception in the dispatcher's hands, and the connection stayed open.
        Assert.All(outcomes, o => Assert.True(!o.Closed && o.Error is not null, o.ToString()));
        Assert.Contains(outcomes, o => o.Error!.Contains("forbidden", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Error!.Contains("Method does not exist", StringComparison.Ordinal));

        // SignalR's other categories do log at Trace here: only the dispatcher is capped.
        Assert.Contains(node.Logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore.SignalR", StringComparison.Ordinal) && e.Category != Dispatcher);
        Assert.DoesNotContain(node.Logs.Entries, e => e.Category == Dispatcher);
        Assert.Empty(node.Logs.Errors);
    }
}
