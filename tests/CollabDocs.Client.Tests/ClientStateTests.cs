using CollabDocs.Client.Sync;
using CollabDocs.Ot;

namespace CollabDocs.Client.Tests;

/// <summary>The ot.js state machine on its own, without a server.</summary>
public sealed class ClientStateTests
{
    [Fact]
    public void LocalEdits_WhileAnOperationIsOutstanding_AreComposedIntoTheBuffer_AndSentAfterTheAck()
    {
        var state = new ClientState();
        state.Reset(0, "ab");
        Assert.True(state.ApplyLocal(TextOperation.Splice(2, 2, 0, "c")));
        Assert.False(state.ApplyLocal(TextOperation.Splice(3, 3, 0, "d")));
        Assert.False(state.ApplyLocal(TextOperation.Splice(4, 0, 1, string.Empty)));
        Assert.Equal(SyncState.AwaitingWithBuffer, state.State);

        var next = state.Acknowledge(1);
        Assert.Equal((2, "abc", "bcd"), (next!.Seq, state.ServerText, state.Text));
        Assert.Equal(SyncState.AwaitingConfirm, state.State);
        Assert.Null(state.Acknowledge(2));
        Assert.Equal(("bcd", SyncState.Synchronized), (state.ServerText, state.State));
    }

    [Fact]
    public void RemoteOperation_IsTransformedAgainstOutstandingAndBuffer_OwnInsertGoesFirstAtTheSamePlace()
    {
        var state = new ClientState();
        state.Reset(0, "x");
        state.ApplyLocal(TextOperation.Splice(1, 1, 0, "A"));
        state.ApplyLocal(TextOperation.Splice(2, 2, 0, "B"));

        var local = state.ApplyRemote(TextOperation.Splice(1, 1, 0, "😀"), 1);

        Assert.Equal("x😀", state.ServerText);
        Assert.Equal("xAB😀", state.Text);
        Assert.Equal("xAB😀", local.Apply("xAB"));
        Assert.Equal("xA😀", state.Outstanding!.Operation.Apply(state.ServerText));
    }

    [Fact]
    public void Reset_DescribesTheChangeOfTheLocalText_WithoutSplittingASurrogatePair()
    {
        var state = new ClientState();
        state.Reset(0, "a😀b");
        var (change, discarded) = state.Reset(5, "a😁b");
        Assert.False(discarded);
        Assert.Equal("a😁b", change.Apply("a😀b"));
        Assert.Equal(TextOperation.Splice(4, 1, 2, "😁"), change);
    }

    [Fact]
    public void Correct_ReplacesTheServerTextAtTheSameRevision_AndKeepsOutstandingAndBuffer()
    {
        var state = new ClientState();
        state.Reset(3, "shared ZZZ\n");
        state.ApplyLocal(TextOperation.Splice(11, 0, 0, ">> "));
        state.ApplyLocal(TextOperation.Splice(14, 14, 0, "!"));

        var local = state.Correct("shared abc\n");

        Assert.Equal((3, "shared abc\n"), (state.Revision, state.ServerText));
        Assert.Equal(">> shared abc\n!", state.Text);
        Assert.Equal(">> shared abc\n!", local.Apply(">> shared ZZZ\n!"));
        Assert.Equal(SyncState.AwaitingWithBuffer, state.State);
        Assert.Equal(">> shared abc\n", state.Outstanding!.Operation.Apply(state.ServerText));
    }
}
