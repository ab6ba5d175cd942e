using System.Text.RegularExpressions;

namespace CollabDocs.Ot.Tests;

public sealed class TextOperationBuilderTests
{
    [Fact]
    public void Build_Nothing_GivesEmptyNoop()
    {
        var operation = new TextOperationBuilder().Build();

        Assert.Equal(0, operation.BaseLength);
        Assert.Equal(0, operation.TargetLength);
        Assert.True(operation.IsNoop);
        Assert.Equal(0, operation.Components.Length);
        Assert.Equal("[]", operation.ToString());
    }

    [Fact]
    public void CreateBuilder_GivesFreshBuilder()
    {
        var first = TextOperation.CreateBuilder().Retain(1);
        var second = TextOperation.CreateBuilder();

        Assert.NotSame(first, second);
        Assert.Equal(1, first.BaseLength);
        Assert.Equal(0, second.BaseLength);
    }

    [Fact]
    public void ZeroCountsAndEmptyInsert_AreIgnored()
    {
        var operation = new TextOperationBuilder().Retain(0).Insert(string.Empty).Delete(0).Build();

        Assert.Equal("[]", operation.ToString());
    }

    [Fact]
    public void Lengths_TrackEachComponent()
    {
        var builder = new TextOperationBuilder().Retain(3);
        Assert.Equal((3, 3), (builder.BaseLength, builder.TargetLength));

        builder.Insert("ab");
        Assert.Equal((3, 5), (builder.BaseLength, builder.TargetLength));

        builder.Delete(4);
        Assert.Equal((7, 5), (builder.BaseLength, builder.TargetLength));

        var operation = builder.Build();
        Assert.Equal(7, operation.BaseLength);
        Assert.Equal(5, operation.TargetLength);
    }

    [Fact]
    public void AdjacentRetains_Merge()
    {
        Assert.Equal("[5]", new TextOperationBuilder().Retain(2).Retain(3).Build().ToString());
    }

    [Fact]
    public void AdjacentInserts_Merge()
    {
        Assert.Equal("[\"ab\"]", new TextOperationBuilder().Insert("a").Insert("b").Build().ToString());
    }

    [Fact]
    public void AdjacentDeletes_Merge()
    {
        Assert.Equal("[-5]", new TextOperationBuilder().Delete(2).Delete(3).Build().ToString());
    }

    [Fact]
    public void InsertAfterDelete_IsPlacedBeforeTheDelete()
    {
        var operation = new TextOperationBuilder().Retain(1).Delete(2).Insert("x").Build();

        Assert.Equal("[1,\"x\",-2]", operation.ToString());
    }

    [Fact]
    public void InsertAfterInsertAndDelete_MergesIntoTheInsert()
    {
        var operation = new TextOperationBuilder().Insert("a").Delete(1).Insert("b").Build();

        Assert.Equal("[\"ab\",-1]", operation.ToString());
    }

    [Fact]
    public void DeleteInsertDelete_BecomesOneInsertAndOneDelete()
    {
        var operation = new TextOperationBuilder().Delete(1).Insert("a").Delete(2).Build();

        Assert.Equal("[\"a\",-3]", operation.ToString());
    }

    [Fact]
    public void DeleteThenInsert_EqualsInsertThenDelete()
    {
        var deleteFirst = new TextOperationBuilder().Retain(2).Delete(3).Insert("xy").Retain(1).Build();
        var insertFirst = new TextOperationBuilder().Retain(2).Insert("xy").Delete(3).Retain(1).Build();

        Assert.Equal(insertFirst, deleteFirst);
        Assert.Equal(insertFirst.GetHashCode(), deleteFirst.GetHashCode());
        Assert.Equal("[2,\"xy\",-3,1]", deleteFirst.ToString());
    }

    [Fact]
    public void ManyComponents_GrowBeyondInitialCapacity()
    {
        var builder = new TextOperationBuilder(0);
        for (int i = 0; i < 100; i++)
        {
            builder.Retain(1).Insert("x");
        }

        var operation = builder.Build();
        Assert.Equal(200, operation.Components.Length);
        Assert.Equal(100, operation.BaseLength);
        Assert.Equal(200, operation.TargetLength);
    }

    [Fact]
    public void Build_Twice_GivesIndependentEqualOperations()
    {
        var builder = new TextOperationBuilder().Retain(2).Insert("a");
        var first = builder.Build();
        var second = builder.Build();
        builder.Insert("b").Delete(1);

        Assert.Equal(first, second);
        Assert.NotSame(first, second);
        Assert.Equal("[2,\"a\"]", first.ToString());
        Assert.Equal("[2,\"ab\",-1]", builder.Build().ToString());
    }

    [Fact]
    public void Clear_StartsANewOperation_AndLeavesBuiltOnesAlone()
    {
        var builder = new TextOperationBuilder().Retain(2).Insert("a").Delete(1);
        var built = builder.Build();

        builder.Clear();
        Assert.Equal((0, 0), (builder.BaseLength, builder.TargetLength));
        Assert.Equal("[]", builder.Build().ToString());

        builder.Insert("z");
        Assert.Equal("[\"z\"]", builder.Build().ToString());
        Assert.Equal("[2,\"a\",-1]", built.ToString());
    }

    [Fact]
    public void Retain_Negative_IsRejectedAsMalformedComponent_NamingTheComponent()
    {
        var builder = new TextOperationBuilder().Retain(2).Insert("x");

        var ex = Assert.Throws<OperationException>(() => builder.Retain(-1));

        Assert.Equal(OperationErrorKind.MalformedComponent, ex.Kind);
        Assert.Contains("-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("component 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_Negative_IsRejectedAsMalformedComponent_NamingTheComponent()
    {
        var builder = new TextOperationBuilder().Retain(1);

        var ex = Assert.Throws<OperationException>(() => builder.Delete(-3));

        Assert.Equal(OperationErrorKind.MalformedComponent, ex.Kind);
        Assert.Contains("-3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("component 1", ex.Message, StringComparison.Ordinal);
    }

    // Lone surrogates cannot be written in attribute strings (they are stored as UTF-8), so the
    // cases spell them as \uXXXX escapes that the test decodes.
    [Theory]
    [InlineData(@"\ud83d", 0, "D83D")]
    [InlineData(@"ab\ud83d", 2, "D83D")]
    [InlineData(@"a\ude00b", 1, "DE00")]
    [InlineData(@"\ude00\ud83d", 0, "DE00")]
    [InlineData(@"😀\ud83d", 2, "D83D")]
    public void Insert_LoneSurrogate_IsRejected_NamingTheOffset(string escaped, int offset, string codeUnit)
    {
        string text = Regex.Unescape(escaped);
        var builder = new TextOperationBuilder().Retain(1);

        var ex = Assert.Throws<OperationException>(() => builder.Insert(text));

        Assert.Equal(OperationErrorKind.LoneSurrogate, ex.Kind);
        Assert.Contains($"offset {offset}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"U+{codeUnit}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("component 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insert_SurrogatePairs_AreAccepted()
    {
        var operation = new TextOperationBuilder().Insert("😀a🎉").Build();

        Assert.Equal(5, operation.TargetLength);
        Assert.Equal("😀a🎉", operation.Components[0].Text);
    }

    [Fact]
    public void Insert_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new TextOperationBuilder().Insert(null!));
    }

    [Fact]
    public void Retain_BeyondInt32_IsRejectedAsTooLong()
    {
        var builder = new TextOperationBuilder().Retain(int.MaxValue);

        var ex = Assert.Throws<OperationException>(() => builder.Retain(1));

        Assert.Equal(OperationErrorKind.TooLong, ex.Kind);
        Assert.Contains("component 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_BeyondInt32_IsRejectedAsTooLong()
    {
        var builder = new TextOperationBuilder().Delete(int.MaxValue);

        var ex = Assert.Throws<OperationException>(() => builder.Delete(1));

        Assert.Equal(OperationErrorKind.TooLong, ex.Kind);
    }

    [Fact]
    public void Insert_PushingTargetBeyondInt32_IsRejectedAsTooLong()
    {
        var builder = new TextOperationBuilder().Retain(int.MaxValue);

        var ex = Assert.Throws<OperationException>(() => builder.Insert("x"));

        Assert.Equal(OperationErrorKind.TooLong, ex.Kind);
        Assert.Contains("component 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaximalLengths_AreAccepted()
    {
        var operation = new TextOperationBuilder().Delete(int.MaxValue).Build();

        Assert.Equal(int.MaxValue, operation.BaseLength);
        Assert.Equal(0, operation.TargetLength);
    }
}
