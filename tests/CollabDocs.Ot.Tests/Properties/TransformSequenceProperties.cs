namespace CollabDocs.Ot.Tests.Properties;

/// <summary>
/// Transforming against several operations, one at a time, the way a server walks its history and a
/// client its pending operations.
/// </summary>
/// <remarks>
/// In ot.js's model, transforming against one operation at a time is not always the same as
/// transforming against their composition: composing moves an insert that follows a deletion to the
/// deletion's start, which can turn a tie into a non-tie (see
/// <see cref="TransformTests.Transform_AgainstComposition_MayOrderTiedInsertsDifferently"/>). Both
/// results converge; the two schedules are equal whenever the sequence deletes nothing or the
/// transformed operation inserts nothing, which the properties below check.
/// </remarks>
public sealed class TransformSequenceProperties
{
    [Fact]
    public void TransformOneAtATime_Converges_InBothArgumentOrders()
    {
        PropertyCheck.Run(nameof(TransformOneAtATime_Converges_InBothArgumentOrders), c =>
        {
            string text = c.Note("text", c.Generate.Text(10));
            var x = c.Note("x", c.Generate.Operation(text));
            var bs = c.Note("bs", c.Generate.Sequence(text, 1 + c.Generate.Random.Next(4)));

            var (xFirst, bsAfterXFirst) = TransformGrid([x], bs);
            Assert.Equal(ApplyAll(text, [.. bs, .. xFirst]), ApplyAll(text, [x, .. bsAfterXFirst]));

            var (bsFirst, xAfterBsFirst) = TransformGrid(bs, [x]);
            Assert.Equal(ApplyAll(text, [.. bs, .. xAfterBsFirst]), ApplyAll(text, [x, .. bsFirst]));
        });
    }

    [Fact]
    public void TransformOneAtATime_EqualsTransformAgainstComposition_WhenTheSequenceDeletesNothing()
    {
        PropertyCheck.Run(nameof(TransformOneAtATime_EqualsTransformAgainstComposition_WhenTheSequenceDeletesNothing), c =>
        {
            string text = c.Note("text", c.Generate.Text(10));
            var x = c.Note("x", c.Generate.Operation(text));
            var bs = c.Note("bs", c.Generate.Sequence(text, 1 + c.Generate.Random.Next(4), deleteShare: 0));

            AssertScheduleMatchesComposition(text, x, bs);
        });
    }

    [Fact]
    public void TransformOneAtATime_EqualsTransformAgainstComposition_WhenTheOperationInsertsNothing()
    {
        PropertyCheck.Run(nameof(TransformOneAtATime_EqualsTransformAgainstComposition_WhenTheOperationInsertsNothing), c =>
        {
            string text = c.Note("text", c.Generate.Text(10));
            var x = c.Note("x", c.Generate.Operation(text, insertShare: 0));
            var bs = c.Note("bs", c.Generate.Sequence(text, 1 + c.Generate.Random.Next(4)));

            AssertScheduleMatchesComposition(text, x, bs);
        });
    }

    [Fact]
    public void GridOfConcurrentSequences_ConvergesOnBothSites()
    {
        PropertyCheck.Run(nameof(GridOfConcurrentSequences_ConvergesOnBothSites), c =>
        {
            string text = c.Note("text", c.Generate.Text(10));
            var left = c.Note("left", c.Generate.Sequence(text, 1 + c.Generate.Random.Next(4)));
            var right = c.Note("right", c.Generate.Sequence(text, 1 + c.Generate.Random.Next(4)));

            // Left's operations as the incoming (first) argument...
            var (leftPrimes, rightPrimes) = TransformGrid(left, right);
            Assert.Equal(ApplyAll(text, [.. left, .. rightPrimes]), ApplyAll(text, [.. right, .. leftPrimes]));

            // ...and right's.
            var (rightSecond, leftSecond) = TransformGrid(right, left);
            Assert.Equal(ApplyAll(text, [.. left, .. rightSecond]), ApplyAll(text, [.. right, .. leftSecond]));

            // Transforming the two compositions converges too.
            var (leftComposed, rightComposed) = TextOperation.Transform(ComposeAll(left), ComposeAll(right));
            Assert.Equal(ApplyAll(text, [.. left, rightComposed]), ApplyAll(text, [.. right, leftComposed]));
        });
    }

    [Fact]
    public void GridOfConcurrentSequences_EqualsTransformOfCompositions_WhenOneSiteOnlyInserts()
    {
        PropertyCheck.Run(nameof(GridOfConcurrentSequences_EqualsTransformOfCompositions_WhenOneSiteOnlyInserts), c =>
        {
            string text = c.Note("text", c.Generate.Text(10));
            var left = c.Note("left", c.Generate.Sequence(text, 1 + c.Generate.Random.Next(4), deleteShare: 0));
            var right = c.Note("right", c.Generate.Sequence(text, 1 + c.Generate.Random.Next(4), deleteShare: 0));

            var (leftPrimes, rightPrimes) = TransformGrid(left, right);
            var (leftComposed, rightComposed) = TextOperation.Transform(ComposeAll(left), ComposeAll(right));

            Assert.Equal(leftComposed, ComposeAll(leftPrimes));
            Assert.Equal(rightComposed, ComposeAll(rightPrimes));
        });
    }

    private static void AssertScheduleMatchesComposition(string text, TextOperation x, List<TextOperation> bs)
    {
        var composed = ComposeAll(bs);

        var (xFirst, bsAfterXFirst) = TransformGrid([x], bs);
        var (xComposedFirst, composedAfterX) = TextOperation.Transform(x, composed);
        Assert.Equal(xComposedFirst, xFirst[0]);
        Assert.Equal(composedAfterX, ComposeAll(bsAfterXFirst));

        var (bsFirst, xAfterBsFirst) = TransformGrid(bs, [x]);
        var (composedFirst, xAfterComposed) = TextOperation.Transform(composed, x);
        Assert.Equal(xAfterComposed, xAfterBsFirst[0]);
        Assert.Equal(composedFirst, ComposeAll(bsFirst));

        Assert.Equal(ApplyAll(text, [.. bs, .. xFirst]), ApplyAll(text, [x, .. bsAfterXFirst]));
    }

    /// <summary>
    /// Transforms each operation of <paramref name="incoming"/> against every operation of
    /// <paramref name="concurrent"/>, pairwise in an n×m grid, the incoming one as first argument.
    /// Returns the incoming operations moved past all of <paramref name="concurrent"/>, and the
    /// concurrent ones moved past all of <paramref name="incoming"/>.
    /// </summary>
    internal static (List<TextOperation> IncomingPrimes, List<TextOperation> ConcurrentPrimes) TransformGrid(
        IReadOnlyList<TextOperation> incoming, IReadOnlyList<TextOperation> concurrent)
    {
        var concurrentPrimes = new List<TextOperation>(concurrent);
        var incomingPrimes = new List<TextOperation>(incoming.Count);
        foreach (var operation in incoming)
        {
            var moving = operation;
            for (int j = 0; j < concurrentPrimes.Count; j++)
            {
                (moving, concurrentPrimes[j]) = TextOperation.Transform(moving, concurrentPrimes[j]);
            }

            incomingPrimes.Add(moving);
        }

        return (incomingPrimes, concurrentPrimes);
    }

    internal static TextOperation ComposeAll(IReadOnlyList<TextOperation> operations)
    {
        var composed = operations[0];
        for (int i = 1; i < operations.Count; i++)
        {
            composed = composed.Compose(operations[i]);
        }

        return composed;
    }

    internal static string ApplyAll(string text, IEnumerable<TextOperation> operations)
    {
        foreach (var operation in operations)
        {
            text = operation.Apply(text);
        }

        return text;
    }
}
