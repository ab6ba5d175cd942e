using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Storage;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>The submit processor alone: no store, no hub, every input given.</summary>
public sealed class SubmitProcessorTests
{
    private static readonly IReadOnlyList<StoredOperation> None = [];

    private readonly SubmitProcessor _processor = new(new DocumentOptions { HistoryWindow = 4 }, new LimitsOptions { MaxRevisionLag = 3, MaxDocumentLength = 10 });

    [Fact]
    public void Submits_AreAppliedTentatively_SequencedAfterTheHead_AndBecomeHistoryWhenCommitted()
    {
        _processor.Reset(5, "abc");
        var first = Work(5, TextOperation.Splice(3, 3, 0, "d"), "a", 1);
        var second = Work(5, TextOperation.Splice(3, 0, 0, "z"), "b", 1);

        var firstResult = _processor.Prepare(first, new SubmitInputs(null, null, None));
        var secondResult = _processor.Prepare(second, new SubmitInputs(null, null, None));
        var batch = _processor.SequenceBatch("doc", 42);
        var committed = _processor.Committed(batch);

        Assert.Null(firstResult);
        Assert.Null(secondResult);
        Assert.Equal(5, batch.ExpectedRevision);
        Assert.Equal(["a", "b"], batch.Operations.Select(o => o.ClientId));
        Assert.Equal(TextOperation.Splice(4, 0, 0, "z"), batch.Operations[1].Operation);
        Assert.Equal(5, batch.NewLength);
        Assert.Equal([6, 7], committed.Select(c => c.Operation.Revision));
        Assert.Same(first, committed[0].Work);
        Assert.Equal(7, _processor.Revision);
        Assert.Equal("zabcd", _processor.CurrentText());
        Assert.False(_processor.HasTentative);
    }

    [Fact]
    public void StaleSubmit_IsTransformedThroughTheCommittedOperationsItGivenAndTheTentativeOnes()
    {
        _processor.Reset(0, "ab");
        var concurrent = Stored(1, TextOperation.Splice(2, 0, 0, "X"), "other", 1);
        _processor.ApplyCommitted(concurrent);
        _processor.Prepare(Work(1, TextOperation.Splice(3, 3, 0, "!"), "t", 1), new SubmitInputs(null, null, None));

        var stale = Work(0, TextOperation.Splice(2, 1, 0, "-"), "s", 1);
        _processor.Prepare(stale, new SubmitInputs(null, null, [concurrent]));

        Assert.Equal("Xa-b!", _processor.Text.ToString());
        Assert.Equal(3, _processor.Head);
    }

    [Fact]
    public void ResendOfTheCommittedSeq_GetsItsRevision_WithoutApplyingAgain()
    {
        _processor.Reset(0, "ab");
        var operation = TextOperation.Splice(2, 2, 0, "c");
        _processor.Prepare(Work(0, operation, "a", 1), new SubmitInputs(null, null, None));
        _processor.Committed(_processor.SequenceBatch("doc", 1));
        Assert.True(_processor.TryGetLatestSubmission("a", out var latest));

        int? revision = _processor.Prepare(Work(0, operation, "a", 1), new SubmitInputs(latest, null, None));

        Assert.Equal(1, revision);
        Assert.Equal("abc", _processor.Text.ToString());
        Assert.False(_processor.HasTentative);
    }

    [Fact]
    public void ResendWithAnotherOperation_IsRefused_AsDuplicateSeqMismatch()
    {
        _processor.Reset(0, "ab");
        _processor.Prepare(Work(0, TextOperation.Splice(2, 2, 0, "c"), "a", 1), new SubmitInputs(null, null, None));
        _processor.Committed(_processor.SequenceBatch("doc", 1));
        _processor.TryGetLatestSubmission("a", out var latest);

        var error = Assert.Throws<CollabException>(() => _processor.Prepare(Work(0, TextOperation.Splice(2, 0, 0, "c"), "a", 1), new SubmitInputs(latest, null, None)));

        Assert.Equal(ErrorCodes.DuplicateSeqMismatch, error.Code);
    }

    [Fact]
    public void SeqBelowTheLatest_ThatWasNeverCommitted_IsRefused_AsSeqOutOfOrder()
    {
        _processor.Reset(3, "ab");
        var latest = new SubmissionRecord("a", 5, 3, 0);

        var error = Assert.Throws<CollabException>(() => _processor.Prepare(Work(3, TextOperation.Identity(2), "a", 4), new SubmitInputs(latest, null, None)));

        Assert.Equal(ErrorCodes.SeqOutOfOrder, error.Code);
    }

    [Fact]
    public void BaseRevisions_AheadOrTooFarBehind_AreRefused_AndChangeNothing()
    {
        _processor.Reset(10, "ab");

        var ahead = Assert.Throws<CollabException>(() => _processor.Prepare(Work(11, TextOperation.Identity(2), "a", 1), new SubmitInputs(null, null, None)));
        var behind = Assert.Throws<CollabException>(() => _processor.Prepare(Work(6, TextOperation.Identity(2), "a", 1), new SubmitInputs(null, null, None)));

        Assert.Equal(ErrorCodes.RevisionInFuture, ahead.Code);
        Assert.Equal(ErrorCodes.RevisionTooOld, behind.Code);
        Assert.False(_processor.HasTentative);
    }

    [Fact]
    public void SubmitThatWouldExceedTheDocumentLimit_IsRefused_AndTheTextIsUnchanged()
    {
        _processor.Reset(0, "abcdefgh");

        var error = Assert.Throws<CollabException>(() => _processor.Prepare(Work(0, TextOperation.Splice(8, 8, 0, "xyz"), "a", 1), new SubmitInputs(null, null, None)));

        Assert.Equal(ErrorCodes.LimitExceeded, error.Code);
        Assert.Equal("abcdefgh", _processor.Text.ToString());
    }

    [Fact]
    public void Undo_RevertsEveryTentativeSubmit_AndReturnsThemInOrder()
    {
        _processor.Reset(0, "ab");
        var first = Work(0, TextOperation.Splice(2, 0, 1, string.Empty), "a", 1);
        var second = Work(0, TextOperation.Splice(2, 2, 0, "cd"), "b", 1);
        _processor.Prepare(first, new SubmitInputs(null, null, None));
        _processor.Prepare(second, new SubmitInputs(null, null, None));

        var undone = _processor.Undo();

        Assert.Equal([first, second], undone);
        Assert.Equal("ab", _processor.Text.ToString());
        Assert.Equal(0, _processor.Head);
    }

    [Fact]
    public void ResendOfATentativeSeq_IsRecognised_SoItWaitsForTheCommit()
    {
        _processor.Reset(0, "ab");
        _processor.Prepare(Work(0, TextOperation.Splice(2, 0, 0, "x"), "a", 2), new SubmitInputs(null, null, None));

        Assert.True(_processor.IsResendOfTentative("a", 2));
        Assert.True(_processor.IsResendOfTentative("a", 1));
        Assert.False(_processor.IsResendOfTentative("a", 3));
        Assert.False(_processor.IsResendOfTentative("b", 2));
    }

    [Fact]
    public void Batch_NeverCarriesASnapshot_AndHistoryKeepsOnlyTheWindow()
    {
        // Snapshots are the store's maintenance, after the commit: the commit only appends the operations.
        _processor.Reset(0, string.Empty);
        var snapshots = new List<DocumentSnapshot>();
        for (int i = 0; i < 10; i++)
        {
            _processor.Prepare(Work(i, TextOperation.Splice(i, i, 0, "x"), "a", i + 1), new SubmitInputs(null, null, None));
            var batch = _processor.SequenceBatch("doc", i);
            snapshots.AddRange(batch.Snapshot is { } snapshot ? [snapshot] : []);
            _processor.Committed(batch);
        }

        Assert.Empty(snapshots);
        Assert.Equal(new string('x', 10), _processor.CurrentText());
        Assert.True(_processor.TryGetHistory(6, 4, out var recent));
        Assert.Equal([7, 8, 9, 10], recent.Select(o => o.Revision));
        Assert.False(_processor.TryGetHistory(0, 4, out _));
    }

    private static SubmitWork Work(int baseRevision, TextOperation operation, string clientId, int seq) =>
        new(new SubmitCommand(baseRevision, operation, clientId, seq, "user-" + clientId, "connection-" + clientId));

    private static StoredOperation Stored(int revision, TextOperation operation, string clientId, int seq) =>
        new(revision, operation, clientId, seq, "user-" + clientId, 0);
}
