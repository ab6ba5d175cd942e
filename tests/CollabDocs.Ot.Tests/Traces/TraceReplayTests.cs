using CollabDocs.Testing;

namespace CollabDocs.Ot.Tests.Traces;

/// <summary>Replays real editing traces (tests/traces) and checks the engine ends at the recorded text.</summary>
public sealed class TraceReplayTests
{
    [Theory]
    [InlineData("sveltecomponent")]
    [InlineData("rustcode")]
    [InlineData("automerge-paper")]
    public void TextDocument_ReplayingTrace_EndsWithEndContent(string name)
    {
        var trace = EditingTrace.Load(name);
        var document = new TextDocument(trace.StartContent);

        foreach (var operation in trace.ToOperations())
        {
            document.Apply(operation);
        }

        Assert.Equal(trace.EndContent.Length, document.Length);
        Assert.Equal(trace.EndContent, document.ToString());
    }

    [Fact]
    public void StringApply_ReplayingTrace_AgreesWithTextDocument()
    {
        var trace = EditingTrace.Load("sveltecomponent");
        var document = new TextDocument(trace.StartContent);
        string text = trace.StartContent;

        foreach (var operation in trace.ToOperations())
        {
            text = operation.Apply(text);
            document.Apply(operation);
        }

        Assert.Equal(trace.EndContent, text);
        Assert.Equal(text, document.ToString());
    }

    [Theory]
    [InlineData("sveltecomponent", 19_749)]
    [InlineData("rustcode", 40_173)]
    [InlineData("automerge-paper", 259_778)]
    public void ToOperations_ChainsLengthsFromStartToEnd(string name, int edits)
    {
        var trace = EditingTrace.Load(name);
        var operations = trace.ToOperations();

        Assert.Equal(edits, operations.Count);
        Assert.Equal(trace.StartContent.Length, operations[0].BaseLength);
        for (int i = 1; i < operations.Count; i++)
        {
            Assert.Equal(operations[i - 1].TargetLength, operations[i].BaseLength);
        }

        Assert.Equal(trace.EndContent.Length, operations[^1].TargetLength);
    }

    [Fact]
    public void ConcurrentTrace_HasTwoAgentsAndParentsThatComeEarlier()
    {
        var trace = EditingTrace.Load("concurrent/friendsforever");

        Assert.True(trace.IsConcurrent);
        Assert.Equal(26_078, trace.Transactions.Count);
        Assert.Equal([0, 1], trace.Transactions.Select(t => t.Agent).Distinct().Order());
        for (int i = 0; i < trace.Transactions.Count; i++)
        {
            Assert.All(trace.Transactions[i].Parents, parent => Assert.InRange(parent, 0, i - 1));
        }

        Assert.Throws<InvalidOperationException>(() => trace.ToOperations());
    }
}
