using CollabDocs.Ot;
using CollabDocs.Server.Documents;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>Issue 10: the in-memory history is capped in bytes, not only in operations.</summary>
public sealed class HistoryBudgetTests
{
    [Fact]
    [Trait("Promise", "security.max-history-bytes")]
    public void LargeOperations_DropTheOldestHistory_ToStayUnderTheByteBudget()
    {
        var processor = new SubmitProcessor(new DocumentOptions { HistoryWindow = 1000, MaxHistoryBytes = 8192 }, new LimitsOptions());
        processor.Reset(0, string.Empty);
        for (int i = 0; i < 20; i++)
        {
            int length = processor.Text.Length;
            processor.Prepare(new SubmitWork(new SubmitCommand(i, TextOperation.Splice(length, length, 0, new string((char)('a' + i), 1000)), "c", i + 1, "user", null)), new SubmitInputs(null, null, []));
            processor.Committed(processor.SequenceBatch("doc", i));
            Assert.InRange(processor.HistoryBytes, 0, 8192);
        }

        // Each operation is about 2,032 bytes: at most four fit, and the newest are the ones kept.
        Assert.Equal(20, processor.Revision);
        Assert.InRange(processor.History.Count, 1, 4);
        Assert.Equal(20 - processor.History.Count, processor.HistoryStart);
        Assert.True(processor.TryGetHistory(19, 1, out var last));
        Assert.Equal(new string('t', 1000), last[0].Operation.Components[^1].Text);
        Assert.False(processor.TryGetHistory(0, 1, out _));
        Assert.Equal(20_000, processor.Text.Length);
    }
}
