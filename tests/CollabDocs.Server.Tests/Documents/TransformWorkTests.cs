using System.Text.Json;
using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;
using CollabDocs.Storage;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>Issue 10: lag measured in transform work (components), and the lag limit applied to resends.</summary>
public sealed class TransformWorkTests
{
    private const int Length = 20;

    private readonly SubmitProcessor _processor = new(new DocumentOptions(), new LimitsOptions { MaxRevisionLag = 100, MaxTransformWork = 50 });

    [Fact]
    [Trait("Promise", "security.max-transform-work")]
    [Trait("Promise", "protocol.error-revision-too-old")]
    public void FewRevisionsBehind_ButManyComponents_IsRefusedAsRevisionTooOld_BeforeTransforming()
    {
        _processor.Reset(0, new string('a', Length));
        var committed = CommitScattered(3);

        // 3 × 21 scattered-insert components + 3 × 2 components of the submit = 69 > 50.
        var error = Assert.Throws<CollabException>(() => _processor.Prepare(Work(0, TextOperation.Splice(Length, 0, 0, "!"), "late", 1), new SubmitInputs(null, null, committed)));
        // 2 × 21 + 2 × 2 = 46 ≤ 50.
        int? accepted = _processor.Prepare(Work(1, TextOperation.Splice(Length + 10, 0, 0, "?"), "later", 1), new SubmitInputs(null, null, committed.GetRange(1, 2)));

        Assert.Equal(ErrorCodes.RevisionTooOld, error.Code);
        Assert.Contains("components of transform work", error.Message, StringComparison.Ordinal);
        Assert.Null(accepted);
        Assert.Equal(4, _processor.Head);
        Assert.StartsWith("?a", _processor.Text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Promise", "security.max-revision-lag")]
    public void ResendOfACommittedSeq_FurtherBehindThanTheRevisionLag_IsAnsweredWithItsRevision_NeverAppliedAgain()
    {
        var processor = new SubmitProcessor(new DocumentOptions(), new LimitsOptions { MaxRevisionLag = 2 });
        processor.Reset(0, "ab");
        var operations = new List<StoredOperation>();
        for (int i = 1; i <= 4; i++)
        {
            var stored = new StoredOperation(i, TextOperation.Splice(1 + i, 0, 0, "x"), "other", i, "user", 0);
            processor.ApplyCommitted(stored);
            operations.Add(stored);
        }

        string text = processor.Text.ToString();
        var resend = TextOperation.Splice(2, 2, 0, "!");
        var record = new SubmissionRecord("late", 1, 5, OperationHash.Compute(TextOperation.Splice(6, 6, 0, "!")));

        // 4 operations between its base and revision 5, more than the lag of 2: nothing is loaded, nothing checked.
        int? far = processor.Prepare(Work(0, resend, "late", 1), new SubmitInputs(record, record, [], HistoryGone: true));
        int? alsoFar = processor.Prepare(Work(0, resend, "late", 1), new SubmitInputs(record, record, []));
        int? near = processor.Prepare(Work(2, TextOperation.Splice(4, 4, 0, "!"), "late", 1), new SubmitInputs(record, record, operations.GetRange(2, 2)));

        Assert.Equal(5, far);
        Assert.Equal(5, alsoFar);
        Assert.Equal(5, near);
        Assert.Equal(text, processor.Text.ToString());
        Assert.False(processor.HasTentative);
    }

    [Fact]
    [Trait("Promise", "security.max-transform-work")]
    public void AStaleSubmit_IsRefusedBeforeItsOperationIsParsed_WhileACurrentOneAndAResendAreParsed()
    {
        _processor.Reset(0, new string('a', Length));
        var committed = CommitScattered(3);
        using var malformed = JsonDocument.Parse("[0, {\"x\": 1}]");
        using var valid = JsonDocument.Parse($"[\"!\", {Length}]");
        var stale = Unparsed(0, malformed, "late", 1);
        var current = Unparsed(3, malformed, "now", 1);
        var resend = Unparsed(0, valid, "done", 1);
        var record = new SubmissionRecord("done", 1, 2, 0);

        // 3 × 21 components behind plus 3 × at least one: over 50 whatever the operation, so it is never read.
        var refused = Assert.Throws<CollabException>(() => _processor.Prepare(stale, new SubmitInputs(null, null, committed)));
        var parsed = Assert.Throws<CollabException>(() => _processor.Prepare(current, new SubmitInputs(null, null, [])));
        // A resend of a committed seq is answered, never refused as stale (HistoryGone: too far to check).
        int? answered = _processor.Prepare(resend, new SubmitInputs(record, record, [], HistoryGone: true));

        Assert.Equal(ErrorCodes.RevisionTooOld, refused.Code);
        Assert.Contains("at least 66 components", refused.Message, StringComparison.Ordinal);
        Assert.False(stale.IsParsed);
        Assert.Equal(ErrorCodes.MalformedOperation, parsed.Code);
        Assert.Equal(2, answered);
        Assert.True(resend.IsParsed);
        Assert.Equal(3, _processor.Head);
    }

    private static SubmitWork Unparsed(int baseRevision, JsonDocument operation, string clientId, int seq) =>
        new(new UnparsedSubmit(baseRevision, new OperationInput(operation.RootElement, OperationLimits.None), clientId, seq, "user", null));

    /// <summary>Commits <paramref name="count"/> operations that each insert after every character (2 × Length components).</summary>
    private List<StoredOperation> CommitScattered(int count)
    {
        var result = new List<StoredOperation>();
        for (int i = 0; i < count; i++)
        {
            var builder = new TextOperationBuilder();
            for (int c = 0; c < Length / 2; c++)
            {
                builder.Retain(1).Insert("x");
            }

            var operation = builder.Retain(_processor.Text.Length - (Length / 2)).Build();
            var stored = new StoredOperation(_processor.Revision + 1, operation, "scatter", _processor.Revision + 1, "user", 0);
            _processor.ApplyCommitted(stored);
            result.Add(stored);
        }

        return result;
    }

    private static SubmitWork Work(int baseRevision, TextOperation operation, string clientId, int seq) =>
        new(new SubmitCommand(baseRevision, operation, clientId, seq, "user", null));
}
