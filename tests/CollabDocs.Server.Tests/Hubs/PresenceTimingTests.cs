using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>
/// Presence on the server's clock, driven by a <see cref="FakeTimeProvider"/> registered as the server's
/// <see cref="TimeProvider"/> (SignalR's own timers stay on the wall clock).
/// </summary>
public sealed class PresenceTimingTests : ServerTest
{
    private readonly FakeTimeProvider _clock;
    private readonly DateTimeOffset _start;

    public PresenceTimingTests(ITestOutputHelper output)
        : base(output)
    {
        _start = DateTimeOffset.UtcNow;
        _clock = new FakeTimeProvider(_start);
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    /// <summary>
    /// docs/protocol.md: "Updates are coalesced per document: the server broadcasts the document's changed
    /// selections at most once every 50 ms (CollabDocs:Documents:PresenceThrottle), each connection's latest one."
    /// </summary>
    [Fact]
    [Trait("Promise", "protocol.presence-coalesced")]
    [Trait("Promise", "security.presence-throttle")]
    public async Task PresenceUpdates_AreCoalesced_AtMostOneBroadcastPer50ms_TheLatestWins()
    {
        string id = await CreateDocumentAsync("0123456789").DefaultTimeout();
        var (editor, observer, session) = await JoinTwoAsync(id).DefaultTimeout();

        // The first update opens a window; by its end (50 ms) it has gone out.
        await editor.UpdatePresenceAsync(id, 0, new RangeMessage(1, 1)).DefaultTimeout();
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal([new RangeMessage(1, 1)], (await NextPresenceAsync(observer, session).DefaultTimeout()).Ranges);

        // Within 50 ms of it nothing goes out: 2 is replaced by 3 before the window ends.
        await editor.UpdatePresenceAsync(id, 0, new RangeMessage(2, 2)).DefaultTimeout();
        _clock.Advance(TimeSpan.FromMilliseconds(49));
        await editor.UpdatePresenceAsync(id, 0, new RangeMessage(3, 3)).DefaultTimeout();
        await editor.UpdatePresenceAsync(id, 0, new RangeMessage(4, 4)).DefaultTimeout();
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        // The next broadcast is the latest selection; had anything gone out before the 50 ms, 2 or 3
        // would have arrived first (one connection's messages arrive in order).
        Assert.Equal([new RangeMessage(4, 4)], (await NextPresenceAsync(observer, session).DefaultTimeout()).Ranges);

        // And the window starts again from that broadcast.
        await editor.UpdatePresenceAsync(id, 0, new RangeMessage(5, 5)).DefaultTimeout();
        _clock.Advance(TimeSpan.FromMilliseconds(49));
        await editor.UpdatePresenceAsync(id, 0, new RangeMessage(6, 6)).DefaultTimeout();
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([new RangeMessage(6, 6)], (await NextPresenceAsync(observer, session).DefaultTimeout()).Ranges);
    }

    /// <summary>
    /// docs/security.md, presence: many senders on one document cost at most CollabDocs:Documents:MaxPresencePerFlush
    /// broadcasts per 50 ms, and every sender's selection still goes out. What went out in a period is read up to
    /// a barrier: an operation submitted after the period's flush reaches the observer after that flush's presence.
    /// </summary>
    [Fact]
    [Trait("Promise", "protocol.presence-max-per-flush")]
    [Trait("Promise", "security.max-presence-per-flush")]
    public async Task ManySenders_CostAtMostMaxPresencePerFlushBroadcastsPer50ms_AndEverySelectionGoesOut()
    {
        const int Senders = 50;
        int perFlush = new CollabDocs.Server.Documents.DocumentOptions().MaxPresencePerFlush;
        string id = await CreateDocumentAsync(string.Empty).DefaultTimeout();
        var (editor, observer, _) = await JoinTwoAsync(id).DefaultTimeout();
        var sessions = new HashSet<string>(StringComparer.Ordinal);
        for (int s = 0; s < Senders; s++)
        {
            var sender = await ConnectAsync().DefaultTimeout();
            sessions.Add((await sender.JoinAsync(id).DefaultTimeout()).SessionId);
            await sender.UpdatePresenceAsync(id, 0, new RangeMessage(0, 0)).DefaultTimeout();
        }

        var received = new List<string>();
        var perPeriod = new List<int>();
        int revision = 0;
        while (received.Count < Senders && perPeriod.Count <= Senders)
        {
            revision = await editor.SubmitAsync(id, revision, TextOperation.Splice(revision, revision, 0, "x"), revision + 1).DefaultTimeout();
            Assert.Equal(revision, (await observer.Operations.ReadAsync().AsTask().DefaultTimeout()).Revision);
            int before = received.Count;
            while (observer.Presence.TryRead(out var presence))
            {
                received.Add(presence.SessionId);
            }

            perPeriod.Add(received.Count - before);
            _clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        Output.WriteLine("Presence broadcasts per period: " + string.Join(", ", perPeriod));
        Assert.All(perPeriod, count => Assert.InRange(count, 0, perFlush));
        Assert.Equal(sessions.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// docs/protocol.md: "A client that stays joined without moving its cursor should re-send its selection
    /// every 30 s, or it is shown as gone after the idle time (60 s by default)"; PresenceLeft: "… or went
    /// silent (no presence update or submit for the configured idle time, 60 s by default)".
    /// The server sweeps every 5 s of its clock; canaries (other connections that fall silent earlier)
    /// show that a sweep ran at a given time, so "still there" is read after a sweep, never before one.
    /// </summary>
    [Fact]
    [Trait("Promise", "protocol.presence-idle-timeout")]
    [Trait("Promise", "protocol.presence-left")]
    [Trait("Promise", "security.presence-timeout")]
    public async Task SilentPresence_IsRemovedAfter60s_WithPresenceLeft_AndASubmitCountsAsActivity()
    {
        string id = await CreateDocumentAsync("hello").DefaultTimeout();
        var (editor, observer, session) = await JoinTwoAsync(id).DefaultTimeout();
        var (early, earlySession) = await JoinWithSelectionAsync(id, observer).DefaultTimeout();
        await editor.UpdatePresenceAsync(id, 0, new RangeMessage(0, 5)).DefaultTimeout();
        _clock.Advance(TimeSpan.FromMilliseconds(50)); // past the presence throttle
        await NextPresenceAsync(observer, session).DefaultTimeout();

        await AdvanceToAsync(TimeSpan.FromSeconds(35)).DefaultTimeout();
        var (late, lateSession) = await JoinWithSelectionAsync(id, observer).DefaultTimeout();
        await AdvanceToAsync(TimeSpan.FromSeconds(42)).DefaultTimeout();
        Assert.Equal(1, await editor.SubmitAsync(id, 0, TextOperation.Splice(5, 5, 0, "!"), seq: 1).DefaultTimeout());

        // The sweep at 65 s removes the selection silent since 0 s, not the editor's (active at 42 s).
        await AdvanceToAsync(TimeSpan.FromSeconds(65)).DefaultTimeout();
        Assert.Equal(earlySession, (await observer.PresenceLeft.ReadAsync().DefaultTimeout()).SessionId);
        Assert.Contains((await JoinAnotherAsync(id).DefaultTimeout()).Presence, p => p.SessionId == session);

        // The sweep at 100 s removes the one silent since 35 s; the editor, silent for 58 s, stays.
        await AdvanceToAsync(TimeSpan.FromSeconds(100)).DefaultTimeout();
        Assert.Equal(lateSession, (await observer.PresenceLeft.ReadAsync().DefaultTimeout()).SessionId);
        Assert.Contains((await JoinAnotherAsync(id).DefaultTimeout()).Presence, p => p.SessionId == session);

        // At 105 s it has been silent for 63 s: gone, while its connection is still open and joined.
        await AdvanceToAsync(TimeSpan.FromSeconds(105)).DefaultTimeout();
        var left = await observer.PresenceLeft.ReadAsync().DefaultTimeout();
        Assert.Equal((id, session), (left.DocumentId, left.SessionId));
        Assert.Equal(HubConnectionState.Connected, editor.Connection.State);
        Assert.Equal(HubConnectionState.Connected, early.Connection.State);
        Assert.Equal(HubConnectionState.Connected, late.Connection.State);
        Assert.DoesNotContain((await JoinAnotherAsync(id).DefaultTimeout()).Presence, p => p.SessionId == session);

        // Sending the selection again brings it back.
        await editor.UpdatePresenceAsync(id, 1, new RangeMessage(6, 6)).DefaultTimeout();
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal([new RangeMessage(6, 6)], (await NextPresenceAsync(observer, session).DefaultTimeout()).Ranges);
    }

    private async Task<(TestHubClient Editor, TestHubClient Observer, string EditorSession)> JoinTwoAsync(string id)
    {
        var editor = await ConnectAsync().DefaultTimeout();
        var observer = await ConnectAsync().DefaultTimeout();
        var joined = await editor.JoinAsync(id).DefaultTimeout();
        await observer.JoinAsync(id).DefaultTimeout();
        return (editor, observer, joined.SessionId);
    }

    /// <summary>Another connection that joins and selects once, then stays silent; waits until the observer saw it.</summary>
    private async Task<(TestHubClient Client, string Session)> JoinWithSelectionAsync(string id, TestHubClient observer)
    {
        var client = await ConnectAsync().DefaultTimeout();
        var joined = await client.JoinAsync(id).DefaultTimeout();
        await client.UpdatePresenceAsync(id, joined.Revision, new RangeMessage(0, 0)).DefaultTimeout();
        _clock.Advance(TimeSpan.FromMilliseconds(50)); // past the presence throttle
        await NextPresenceAsync(observer, joined.SessionId).DefaultTimeout();
        return (client, joined.SessionId);
    }

    private async Task<JoinResult> JoinAnotherAsync(string id)
    {
        var client = await ConnectAsync().DefaultTimeout();
        return await client.JoinAsync(id).DefaultTimeout();
    }

    /// <summary>Moves the server's clock, a second at a time, to <paramref name="sinceStart"/> after the test began.</summary>
    private async Task AdvanceToAsync(TimeSpan sinceStart)
    {
        var target = _start + sinceStart;
        while (_clock.GetUtcNow() < target)
        {
            var step = target - _clock.GetUtcNow();
            _clock.Advance(step < TimeSpan.FromSeconds(1) ? step : TimeSpan.FromSeconds(1));
            await Task.Yield();
        }
    }

    private static async Task<PresenceMessage> NextPresenceAsync(TestHubClient client, string sessionId)
    {
        while (true)
        {
            var message = await client.Presence.ReadAsync().DefaultTimeout();
            if (message.SessionId == sessionId)
            {
                return message;
            }
        }
    }
}
