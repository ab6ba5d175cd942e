using CollabDocs.Ot.Authorship;
using CollabDocs.Storage.Lifecycle;
using Microsoft.Extensions.Time.Testing;

namespace CollabDocs.Storage.Tests;

/// <summary>The maintenance pass's memory of the snapshots it wrote: bounded, and useful when more documents are busy than fit.</summary>
public sealed class SnapshotCarryTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void MoreBusyDocumentsThanFit_TheOnesKeptGoOnHitting_TheOthersMiss()
    {
        // Room for two entries of weight 1,000 (1,000 characters, no runs beyond one), three documents in turn.
        var carry = new SnapshotCarry(2_100, _time, Idle);
        int hits = 0;
        for (int round = 1; round <= 10; round++)
        {
            foreach (string id in new[] { "a", "b", "c" })
            {
                var stamp = new SnapshotStamp(round * 100, round);
                if (carry.Take(id, new SnapshotStamp((round - 1) * 100, round - 1)) is not null)
                {
                    hits++;
                }

                carry.Keep(id, stamp, Origin(stamp.Revision));
                _time.Advance(TimeSpan.FromSeconds(5));
            }
        }

        // Least recently kept first would have missed all 30; now a and b hit from their second round on.
        Assert.Equal(18, hits);
    }

    [Fact]
    public void ADocumentThatWentQuiet_MakesRoom_OnceIdle()
    {
        var carry = new SnapshotCarry(2_100, _time, Idle);
        carry.Keep("a", new SnapshotStamp(100, 1), Origin(100));
        carry.Keep("b", new SnapshotStamp(100, 1), Origin(100));
        carry.Keep("c", new SnapshotStamp(100, 1), Origin(100));
        Assert.Null(carry.Take("c", new SnapshotStamp(100, 1)));

        _time.Advance(Idle);
        carry.Keep("c", new SnapshotStamp(100, 1), Origin(100));

        Assert.Null(carry.Take("a", new SnapshotStamp(100, 1)));
        Assert.NotNull(carry.Take("b", new SnapshotStamp(100, 1)));
        Assert.NotNull(carry.Take("c", new SnapshotStamp(100, 1)));
    }

    [Fact]
    public void AnEntry_IsUsedOnlyForTheSnapshotItWasKeptAs_AndOnlyOnce()
    {
        var carry = new SnapshotCarry(2_100, _time, Idle);
        carry.Keep("a", new SnapshotStamp(100, 1), Origin(100));
        Assert.Null(carry.Take("a", new SnapshotStamp(100, 2)));

        carry.Keep("a", new SnapshotStamp(200, 3), Origin(200));
        Assert.Equal(200, carry.Take("a", new SnapshotStamp(200, 3))!.Revision);
        Assert.Null(carry.Take("a", new SnapshotStamp(200, 3)));
    }

    [Fact]
    public void AnEntryHeavierThanTheBudget_IsNotKept_AndEvictsNothing()
    {
        var carry = new SnapshotCarry(2_100, _time, Idle);
        carry.Keep("a", new SnapshotStamp(100, 1), Origin(100));
        _time.Advance(Idle);
        carry.Keep("big", new SnapshotStamp(100, 1), Origin(100, length: 5_000));

        Assert.Null(carry.Take("big", new SnapshotStamp(100, 1)));
        Assert.NotNull(carry.Take("a", new SnapshotStamp(100, 1)));
    }

    private static SnapshotOrigin Origin(int revision, int length = 999) =>
        new(revision, new string('x', length), new AuthorshipMap(length, "ada", revision));
}
