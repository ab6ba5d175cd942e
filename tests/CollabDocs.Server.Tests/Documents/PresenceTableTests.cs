using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>The presence table alone, on a fake clock: no actor, no hub.</summary>
public sealed class PresenceTableTests : IDisposable
{
    private static readonly IReadOnlyList<StoredOperation> NoHistory = [];

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly List<object> _published = [];
    private readonly PresenceTable _table;
    private int _flushesDue;

    public PresenceTableTests()
    {
        // Deliveries unbounded here: MaxPresencePerFlush alone; CrowdedDocument_… covers MaxPresenceDeliveriesPerFlush.
        var options = new DocumentOptions { PresenceThrottle = TimeSpan.FromMilliseconds(50), PresenceTimeout = TimeSpan.FromSeconds(60), MaxPresenceDeliveriesPerFlush = int.MaxValue };
        _table = new PresenceTable("doc", options, new LimitsOptions { MaxPresenceRanges = 2 }, _time, () => _flushesDue++, _published.Add);
        _time.Advance(TimeSpan.FromSeconds(1));
    }

    public void Dispose() => _table.Dispose();

    [Fact]
    public void FirstUpdate_IsPublishedAtOnce_AtTheCurrentRevision()
    {
        _table.Update(Command("s1", 3, new SelectionRange(1, 2)), new TextDocument("hello"), 3, 3, NoHistory);

        var message = Assert.IsType<PresenceMessage>(Assert.Single(_published));
        Assert.Equal(("s1", 3), (message.SessionId, message.Revision));
        Assert.Equal([new RangeMessage(1, 2)], message.Ranges);
    }

    [Fact]
    [Trait("Promise", "protocol.presence-coalesced")]
    [Trait("Promise", "security.presence-throttle")]
    public void UpdatesWithinTheThrottle_AreCoalesced_AndTheLatestIsPublishedWhenTheFlushFallsDue()
    {
        var text = new TextDocument("hello");
        _table.Update(Command("s1", 0, SelectionRange.Cursor(1)), text, 0, 0, NoHistory);
        _table.Update(Command("s1", 0, SelectionRange.Cursor(2)), text, 0, 0, NoHistory);
        _table.Update(Command("s1", 0, SelectionRange.Cursor(3)), text, 0, 0, NoHistory);
        int publishedBefore = _published.Count;
        int dueBefore = _flushesDue;

        _time.Advance(TimeSpan.FromMilliseconds(50));
        _table.Flush(0);

        Assert.Equal(1, publishedBefore);
        Assert.Equal(0, dueBefore);
        Assert.Equal(1, _flushesDue);
        var latest = Assert.IsType<PresenceMessage>(_published[^1]);
        Assert.Equal(2, _published.Count);
        Assert.Equal([new RangeMessage(3, 3)], latest.Ranges);
    }

    [Fact]
    public void ManySenders_CostAtMostMaxPresencePerFlushBroadcastsPerPeriod_EachSessionsLatestOnce_InTheOrderTheyChanged()
    {
        const int Sessions = 1000;
        int perFlush = new DocumentOptions().MaxPresencePerFlush;
        var text = new TextDocument("hello");
        for (int s = 0; s < Sessions; s++)
        {
            _table.Update(Command($"s{s}", 0, SelectionRange.Cursor(1)), text, 0, 0, NoHistory);
        }

        // A second update of every session while it waits: the latest wins and the session keeps its place.
        for (int s = 0; s < Sessions; s++)
        {
            _table.Update(Command($"s{s}", 0, SelectionRange.Cursor(2)), text, 0, 0, NoHistory);
        }

        // The first update went out at once (the throttle allowed it); the rest wait for flushes.
        Assert.Single(_published);
        var perPeriod = new List<int>();
        while (perPeriod.Count <= Sessions)
        {
            // The actor flushes when the table says a flush fell due, as DocumentActor does.
            int due = _flushesDue;
            _time.Advance(TimeSpan.FromMilliseconds(50));
            if (_flushesDue == due)
            {
                break;
            }

            int before = _published.Count;
            _table.Flush(0);
            perPeriod.Add(_published.Count - before);
        }

        // s0 went out at once, then changed again: it waits behind everyone who changed before it.
        Assert.All(perPeriod, count => Assert.InRange(count, 1, perFlush));
        Assert.Equal((Sessions + perFlush - 1) / perFlush, perPeriod.Count);
        var messages = _published.Cast<PresenceMessage>().ToList();
        Assert.Equal(Enumerable.Range(0, Sessions).Append(0).Select(s => $"s{s}"), messages.Select(m => m.SessionId));
        Assert.All(messages.Skip(1), m => Assert.Equal([new RangeMessage(2, 2)], m.Ranges));
    }

    [Theory]
    [Trait("Promise", "security.max-presence-deliveries")]
    [InlineData(10, 20)]
    [InlineData(50, 20)]
    [InlineData(300, 3)]
    [InlineData(1500, 1)]
    public void CrowdedDocument_SendsFewerBroadcastsPerFlush_SoDeliveriesStayWithinTheBudget_AndEverySessionsLatestGoesOut(int sessions, int expectedPerFlush)
    {
        var options = new DocumentOptions { PresenceThrottle = TimeSpan.FromMilliseconds(50) };
        var published = new List<object>();
        using var table = new PresenceTable("crowded", options, new LimitsOptions(), _time, () => { }, published.Add);
        var text = new TextDocument("hello");
        for (int s = 0; s < sessions; s++)
        {
            table.Update(Command($"s{s}", 0, SelectionRange.Cursor(1)), text, 0, 0, NoHistory);
        }

        var perFlush = new List<int>();
        while (published.Count < sessions)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            int before = published.Count;
            table.Flush(0);
            perFlush.Add(published.Count - before);
        }

        // The first update went out at once; every full flush after it sent the crowded document's share.
        Assert.All(perFlush.SkipLast(1), count => Assert.Equal(expectedPerFlush, count));
        Assert.All(perFlush, count => Assert.True(count * sessions <= Math.Max(options.MaxPresenceDeliveriesPerFlush, sessions), $"{count} broadcasts to {sessions} connections"));
        Assert.Equal(Enumerable.Range(0, sessions).Select(s => $"s{s}"), published.Cast<PresenceMessage>().Select(m => m.SessionId));
    }

    [Fact]
    public void ASessionRemovedWhileWaitingForAFlush_IsNotPublished()
    {
        var text = new TextDocument("hello");
        _table.Update(Command("first", 0, SelectionRange.Cursor(1)), text, 0, 0, NoHistory);
        _table.Update(Command("gone", 0, SelectionRange.Cursor(1)), text, 0, 0, NoHistory);
        _table.Update(Command("stays", 0, SelectionRange.Cursor(1)), text, 0, 0, NoHistory);
        Assert.True(_table.Remove("gone"));

        _time.Advance(TimeSpan.FromMilliseconds(50));
        _table.Flush(0);

        Assert.Equal(
            ["first", "gone", "stays"],
            _published.Select(m => m is PresenceMessage p ? p.SessionId : ((PresenceLeftMessage)m).SessionId));
        Assert.IsType<PresenceLeftMessage>(_published[1]);
    }

    [Fact]
    [Trait("Promise", "protocol.presence-moved-to-current-revision")]
    public void Ranges_MoveThroughCommittedOperations_AndThroughHistoryWhenGivenAtAnOlderRevision()
    {
        var insertAtStart = TextOperation.Splice(5, 0, 0, "ab");
        var history = new List<StoredOperation> { new(1, insertAtStart, "c", 1, "u", 0) };
        var text = new TextDocument("abhello");
        _table.Update(Command("old", 0, new SelectionRange(1, 3)), text, 1, 0, history);
        _table.Update(Command("now", 1, SelectionRange.Cursor(7)), text, 1, 0, history);

        _table.Transform(TextOperation.Splice(7, 0, 0, "!"));

        var snapshot = _table.Snapshot().ToDictionary(p => p.SessionId, p => p.Ranges.Single());
        Assert.Equal(new SelectionRange(4, 6), snapshot["old"]);
        Assert.Equal(SelectionRange.Cursor(8), snapshot["now"]);
    }

    [Fact]
    public void SilentConnections_Expire_WithADeparture_UnlessTheyWereActive()
    {
        var text = new TextDocument("hello");
        _table.Update(Command("silent", 0, SelectionRange.Cursor(0)), text, 0, 0, NoHistory);
        _table.Update(Command("busy", 0, SelectionRange.Cursor(0)), text, 0, 0, NoHistory);
        _published.Clear();
        _time.Advance(TimeSpan.FromSeconds(40));
        _table.Touch("busy");
        _time.Advance(TimeSpan.FromSeconds(21));

        _table.Expire();

        Assert.Equal([new PresenceLeftMessage("doc", "silent")], _published);
        Assert.Equal(["busy"], _table.Snapshot().Select(p => p.SessionId));
        Assert.False(_table.Remove("silent"));
        Assert.True(_table.Remove("busy"));
        Assert.Equal(0, _table.Count);
    }

    [Fact]
    public void InvalidUpdates_AreRefused_AndPublishNothing()
    {
        var text = new TextDocument("a\U0001F600b");

        var outside = Assert.Throws<CollabException>(() => _table.Update(Command("s", 0, SelectionRange.Cursor(5)), text, 0, 0, NoHistory));
        var split = Assert.Throws<CollabException>(() => _table.Update(Command("s", 0, SelectionRange.Cursor(2)), text, 0, 0, NoHistory));
        var tooMany = Assert.Throws<CollabException>(() => _table.Update(Command("s", 0, SelectionRange.Cursor(0), SelectionRange.Cursor(1), SelectionRange.Cursor(3)), text, 0, 0, NoHistory));
        var future = Assert.Throws<CollabException>(() => _table.Update(Command("s", 1, SelectionRange.Cursor(0)), text, 0, 0, NoHistory));
        var old = Assert.Throws<CollabException>(() => _table.Update(Command("s", 0, SelectionRange.Cursor(0)), text, 5, 2, NoHistory));

        Assert.Equal(
            [ErrorCodes.InvalidArgument, ErrorCodes.InvalidArgument, ErrorCodes.LimitExceeded, ErrorCodes.RevisionInFuture, ErrorCodes.RevisionTooOld],
            new[] { outside, split, tooMany, future, old }.Select(e => e.Code));
        Assert.Empty(_published);
        Assert.Equal(0, _table.Count);
    }

    private static PresenceCommand Command(string sessionId, int revision, params SelectionRange[] ranges) =>
        new(sessionId, "user-" + sessionId, "Name " + sessionId, "#123456", revision, ranges);
}
