using System.Text;
using System.Text.Json;

namespace CollabDocs.Ot.Tests.Json;

/// <summary>
/// Adjacent inserts are merged in one buffer (issue 10): the results are checked here, and the work is
/// counted (characters copied) rather than timed; tests/CollabDocs.Benchmarks has the timings.
/// </summary>
public sealed class LinearParsingTests
{
    [Fact]
    public void TenThousandAdjacentInserts_ParseToOneInsert()
    {
        string piece = new('a', 199);
        var json = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append('"').Append(piece).Append((char)('0' + (i % 10))).Append('"');
        }

        var operation = TextOperation.Parse(json.Append(']').ToString());

        var only = Assert.Single(operation.Components.ToArray());
        Assert.True(only.IsInsert);
        Assert.Equal(2_000_000, operation.TargetLength);
        Assert.Equal(piece + "0", only.Text[..200]);
        Assert.Equal(piece + "9", only.Text[^200..]);
        Assert.Equal(piece + "7", only.Text.Substring(200 * 4567, 200));
    }

    [Fact]
    public void OneCharacterInserts_FromJsonElement_MergeInOrder()
    {
        const int count = 160_000;
        var json = new StringBuilder("[");
        var expected = new StringBuilder(count);
        for (int i = 0; i < count; i++)
        {
            char c = (char)('a' + (i % 26));
            expected.Append(c);
            json.Append(i == 0 ? "" : ",").Append('"').Append(c).Append('"');
        }

        using var document = JsonDocument.Parse(json.Append(']').ToString());
        var operation = TextOperation.FromJson(document.RootElement);

        Assert.Equal(expected.ToString(), Assert.Single(operation.Components.ToArray()).Text);
    }

    [Fact]
    public void MergingInserts_CopiesLinearlyManyCharacters()
    {
        const int count = 160_000;
        var builder = new TextOperationBuilder();
        for (int i = 0; i < count; i++)
        {
            builder.Insert("x");
        }

        var operation = builder.Build();

        Assert.Equal(count, operation.TargetLength);
        // Concatenating piece by piece copies about count²/2 = 1.28e10 characters; one buffer copies each a few times.
        Assert.InRange(builder.MergedChars, count, 3L * count);
    }

    [Fact]
    public void InsertsAroundADelete_StayInNormalForm()
    {
        var builder = new TextOperationBuilder().Retain(2);
        for (int i = 0; i < 1000; i++)
        {
            builder.Insert("ab").Delete(1);
        }

        var operation = builder.Retain(3).Build();

        Assert.Equal(4, operation.Components.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat("ab", 1000)), operation.Components[1].Text);
        Assert.Equal(1000, operation.Components[2].Length);
        Assert.InRange(builder.MergedChars, 2000, 3L * 2000);
    }

    [Fact]
    public void Builder_ReusedAfterClear_StartsAfresh()
    {
        var builder = new TextOperationBuilder().Insert("a").Insert("b");
        builder.Clear();

        var operation = builder.Retain(1).Insert("c").Insert("d").Build();

        Assert.Equal("[1,\"cd\"]", operation.ToString());
    }

    [Fact]
    public void ComponentLimit_StopsReadingAtTheFirstComponentPastIt()
    {
        var limits = new OperationLimits(3, int.MaxValue);

        var error = Assert.Throws<OperationException>(() => TextOperation.Parse("[1,\"a\",2,\"b\"]"u8, limits));
        using var document = JsonDocument.Parse("[1,-1,2,\"b\"]");
        var fromElement = Assert.Throws<OperationException>(() => TextOperation.FromJson(document.RootElement, limits));

        Assert.Equal(OperationErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("component 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(OperationErrorKind.LimitExceeded, fromElement.Kind);
        Assert.Equal("[1,\"a\",2]", TextOperation.Parse("[1,\"a\",2]"u8, limits).ToString());
    }

    [Fact]
    public void ChangedLengthLimit_CountsInsertsAndDeletes()
    {
        var limits = new OperationLimits(100, 5);

        var error = Assert.Throws<OperationException>(() => TextOperation.Parse("[\"abc\",-2,4,\"d\"]"u8, limits));

        Assert.Equal(OperationErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("component 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, TextOperation.Parse("[\"abc\",-2,4]"u8, limits).TargetLength - 2);
    }
}
