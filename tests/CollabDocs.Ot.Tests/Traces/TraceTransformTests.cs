using CollabDocs.Testing;

namespace CollabDocs.Ot.Tests.Traces;

/// <summary>Transforms real edits against concurrent ones and checks both orders converge.</summary>
public sealed class TraceTransformTests
{
    [Fact]
    public void Transform_EveryTraceEditAgainstAConcurrentEdit_Converges()
    {
        var trace = EditingTrace.Load("sveltecomponent");
        var operations = trace.ToOperations();
        string text = trace.StartContent;
        (TextOperation, TextOperation)? first = null;
        string? firstAsText = null;

        for (int i = 0; i < operations.Count; i++)
        {
            var incoming = operations[i];
            var concurrent = ConcurrentEdit(i, trace.Patches[i].Position, text.Length);
            var (incomingPrime, concurrentPrime) = TextOperation.Transform(incoming, concurrent);

            Assert.Equal(concurrentPrime.Apply(incoming.Apply(text)), incomingPrime.Apply(concurrent.Apply(text)));
            if (i == 0)
            {
                first = (incomingPrime, concurrentPrime);
                firstAsText = $"{incomingPrime} {concurrentPrime}";
            }

            text = incoming.Apply(text);
        }

        // Transform reuses scratch space between calls; results handed out earlier must not change.
        Assert.Equal(firstAsText, $"{first!.Value.Item1} {first.Value.Item2}");
        Assert.Equal(trace.EndContent, text);
    }

    [Fact]
    public void Compose_RunsOfTraceEdits_EqualApplyingThemOneByOne()
    {
        var trace = EditingTrace.Load("sveltecomponent");
        var operations = trace.ToOperations();
        var document = new TextDocument(trace.StartContent);

        for (int start = 0; start < operations.Count; start += 10)
        {
            var composed = operations[start];
            for (int i = start + 1; i < Math.Min(start + 10, operations.Count); i++)
            {
                composed = composed.Compose(operations[i]);
            }

            document.Apply(composed);
        }

        Assert.Equal(trace.EndContent, document.ToString());
    }

    /// <summary>A one-character edit half the text away from <paramref name="position"/>: insert for even <paramref name="i"/>, delete for odd.</summary>
    private static TextOperation ConcurrentEdit(int i, int position, int length)
    {
        int at = (position + (length / 2)) % (length + 1);
        return i % 2 == 1 && at < length
            ? TextOperation.Splice(length, at, 1, string.Empty)
            : TextOperation.Splice(length, at, 0, "x");
    }
}
