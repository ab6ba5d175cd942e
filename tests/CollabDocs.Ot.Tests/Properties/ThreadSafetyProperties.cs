namespace CollabDocs.Ot.Tests.Properties;

/// <summary>The engine is used from many request threads at once; results must not depend on that.</summary>
public sealed class ThreadSafetyProperties
{
    [Fact]
    public void TransformAndCompose_OnManyThreadsAtOnce_GiveTheSingleThreadedResults()
    {
        const int Cases = 2_000;
        var inputs = new (string Text, TextOperation A, TextOperation B, TextOperation Next)[Cases];
        var expected = new (TextOperation APrime, TextOperation BPrime, TextOperation Composed)[Cases];
        for (int i = 0; i < Cases; i++)
        {
            var generate = new OperationGenerator(new Random(PropertyCheck.CaseSeed(PropertyCheck.BaseSeed, i)));
            string text = generate.Text(12);
            var a = generate.Operation(text);
            inputs[i] = (text, a, generate.Operation(text), generate.Operation(a.Apply(text)));
            var (aPrime, bPrime) = TextOperation.Transform(a, inputs[i].B);
            expected[i] = (aPrime, bPrime, a.Compose(inputs[i].Next));
        }

        var failures = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, Cases * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, n =>
        {
            int i = n % Cases;
            var (text, a, b, next) = inputs[i];
            var (aPrime, bPrime) = TextOperation.Transform(a, b);
            var composed = a.Compose(next);
            if (aPrime != expected[i].APrime || bPrime != expected[i].BPrime || composed != expected[i].Composed
                || bPrime.Apply(a.Apply(text)) != aPrime.Apply(b.Apply(text)))
            {
                failures.Add(i);
            }
        });

        Assert.True(failures.IsEmpty, $"cases {string.Join(", ", failures.Distinct().Order().Take(10))} differ (OT_SEED={PropertyCheck.BaseSeed})");
    }
}
