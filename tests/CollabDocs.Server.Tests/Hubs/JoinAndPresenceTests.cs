using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>Joining (full text or catch-up from a known revision) and presence: selections, names, moves, departures.</summary>
public sealed class JoinAndPresenceTests(ITestOutputHelper output) : ServerTest(output)
{
    [Fact]
    [Trait("Promise", "protocol.join-null-returns-text")]
    [Trait("Promise", "protocol.join-known-revision-returns-operations")]
    public async Task Join_WithKnownRevision_ReturnsTheOperationsSinceIt_AndNoText()
    {
        string id = await CreateDocumentAsync("0").DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        string text = "0";
        for (int seq = 1; seq <= 5; seq++)
        {
            var operation = TextOperation.Splice(text.Length, text.Length, 0, seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(seq, await writer.SubmitAsync(id, seq - 1, operation, seq).DefaultTimeout());
            text = operation.Apply(text);
        }

        var client = await ConnectAsync().DefaultTimeout();
        var caughtUp = await client.JoinAsync(id, knownRevision: 2).DefaultTimeout();
        Assert.Equal((id, 5, null), (caughtUp.DocumentId, caughtUp.Revision, caughtUp.Text));
        Assert.NotNull(caughtUp.Operations);
        Assert.Equal([3, 4, 5], caughtUp.Operations.Select(o => o.Revision));
        Assert.Equal("012345", caughtUp.Operations.Aggregate("012", (t, o) => o.Operation.Apply(t)));
        Assert.All(caughtUp.Operations, o => Assert.Equal(writer.ClientId, o.ClientId));
        Assert.Equal([3, 4, 5], caughtUp.Operations.Select(o => o.Seq));

        var upToDate = await client.JoinAsync(id, knownRevision: 5).DefaultTimeout();
        Assert.Null(upToDate.Text);
        Assert.Empty(upToDate.Operations!);

        var fresh = await client.JoinAsync(id).DefaultTimeout();
        Assert.Equal((5, "012345"), (fresh.Revision, fresh.Text));
        Assert.Null(fresh.Operations);

        // A revision the server cannot continue from gets the full text instead.
        var unknown = await client.JoinAsync(id, knownRevision: 99).DefaultTimeout();
        Assert.Equal((5, "012345"), (unknown.Revision, unknown.Text));
        Assert.Null(unknown.Operations);
        Assert.Equal("owner", unknown.Role); // anonymous mode: everyone may do everything
    }

    [Fact]
    [Trait("Promise", "protocol.presence-moved-to-current-revision")]
    [Trait("Promise", "protocol.presence-identity-from-server")]
    [Trait("Promise", "protocol.presence-left")]
    public async Task Presence_IsBroadcastWithServerKnownName_MovedByLaterOperations_AndLeftOnDisconnect()
    {
        string id = await CreateDocumentAsync("hello world").DefaultTimeout();
        var alice = await ConnectAsync().DefaultTimeout();
        var bob = await ConnectAsync().DefaultTimeout();
        var aliceJoin = await alice.JoinAsync(id).DefaultTimeout();
        var bobJoin = await bob.JoinAsync(id).DefaultTimeout();
        Assert.NotEqual(aliceJoin.SessionId, bobJoin.SessionId);

        // Alice selects "world"; Bob sees it under the name the server knows for Alice.
        await alice.UpdatePresenceAsync(id, 0, new RangeMessage(6, 11)).DefaultTimeout();
        // docs/security.md, anonymous mode: "every hub connection is its own guest (anonymous:<connectionId>,
        // name "Guest xxxx")"; the colour is the server's, the same in every message about that user.
        var seen = await ReadPresenceAsync(bob, aliceJoin.SessionId, p => p.Ranges.Count > 0).DefaultTimeout();
        Assert.Equal((id, "anonymous:" + aliceJoin.SessionId, "Guest " + aliceJoin.SessionId[..4]), (seen.DocumentId, seen.UserId, seen.Name));
        Assert.Matches("^#[0-9a-f]{6}$", seen.Color);
        Assert.Equal(0, seen.Revision);
        Assert.Equal([new RangeMessage(6, 11)], seen.Ranges);

        // Bob inserts at the start: the stored selection moves with the text.
        Assert.Equal(1, await bob.SubmitAsync(id, 0, TextOperation.Splice(11, 0, 0, ">> "), seq: 1).DefaultTimeout());
        var carol = await ConnectAsync().DefaultTimeout();
        var carolJoin = await carol.JoinAsync(id).DefaultTimeout();
        Assert.Equal(1, carolJoin.Revision);
        var alicesAtJoin = Assert.Single(carolJoin.Presence, p => p.SessionId == aliceJoin.SessionId);
        Assert.Equal((1, seen.UserId, seen.Name, seen.Color), (alicesAtJoin.Revision, alicesAtJoin.UserId, alicesAtJoin.Name, alicesAtJoin.Color));
        Assert.Equal([new RangeMessage(9, 14)], alicesAtJoin.Ranges);
        Assert.Equal("world", carolJoin.Text![9..14]);
        Assert.DoesNotContain(carolJoin.Presence, p => p.SessionId == carolJoin.SessionId);

        // A selection sent on an older revision is moved to the current one.
        await alice.UpdatePresenceAsync(id, 0, new RangeMessage(0, 5)).DefaultTimeout();
        var moved = await ReadPresenceAsync(carol, aliceJoin.SessionId, p => p.Ranges.Count > 0 && p.Ranges[0].Anchor != 9).DefaultTimeout();
        Assert.Equal(1, moved.Revision);
        Assert.Equal([new RangeMessage(3, 8)], moved.Ranges);

        // Alice disconnects: the others are told.
        await alice.DisposeAsync().DefaultTimeout();
        foreach (var other in new[] { bob, carol })
        {
            var left = await ReadLeftAsync(other, aliceJoin.SessionId).DefaultTimeout();
            Assert.Equal(id, left.DocumentId);
        }

        var dave = await ConnectAsync().DefaultTimeout();
        Assert.DoesNotContain((await dave.JoinAsync(id).DefaultTimeout()).Presence, p => p.SessionId == aliceJoin.SessionId);
    }

    [Fact]
    [Trait("Promise", "protocol.leave-removes-presence")]
    public async Task Leave_RemovesPresence_AndStopsBroadcasts()
    {
        string id = await CreateDocumentAsync("abc").DefaultTimeout();
        var stayer = await ConnectAsync().DefaultTimeout();
        var observer = await ConnectAsync().DefaultTimeout();
        var leaver = await ConnectAsync().DefaultTimeout();
        await stayer.JoinAsync(id).DefaultTimeout();
        await observer.JoinAsync(id).DefaultTimeout();
        var leaverJoin = await leaver.JoinAsync(id).DefaultTimeout();

        await leaver.LeaveAsync(id).DefaultTimeout();
        var left = await ReadLeftAsync(stayer, leaverJoin.SessionId).DefaultTimeout();
        Assert.Equal(id, left.DocumentId);

        // Once the observer has the broadcast, a round trip on the leaver's connection would have
        // brought it there too, had it still been subscribed.
        Assert.Equal(1, await stayer.SubmitAsync(id, 0, TextOperation.Splice(3, 0, 0, "x"), seq: 1).DefaultTimeout());
        Assert.Equal(1, (await observer.Operations.ReadAsync().DefaultTimeout()).Revision);
        Assert.Single(await leaver.GetOperationsAsync(id, 0).DefaultTimeout());
        Assert.False(leaver.Operations.TryRead(out var unexpected), $"a broadcast after Leave: revision {unexpected?.Revision}");
    }

    private static async Task<PresenceLeftMessage> ReadLeftAsync(TestHubClient client, string sessionId)
    {
        while (true)
        {
            var message = await client.PresenceLeft.ReadAsync().DefaultTimeout();
            if (message.SessionId == sessionId)
            {
                return message;
            }
        }
    }

    private static async Task<PresenceMessage> ReadPresenceAsync(TestHubClient client, string sessionId, Func<PresenceMessage, bool> match)
    {
        while (true)
        {
            var message = await client.Presence.ReadAsync().DefaultTimeout();
            if (message.SessionId == sessionId && match(message))
            {
                return message;
            }
        }
    }
}
