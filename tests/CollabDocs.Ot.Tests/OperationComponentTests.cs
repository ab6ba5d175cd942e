namespace CollabDocs.Ot.Tests;

public sealed class OperationComponentTests
{
    private static OperationComponent Single(string json) => TextOperation.Parse(json).Components[0];

    [Fact]
    public void Retain_IsPositiveCount()
    {
        var retain = Single("[5]");

        Assert.True(retain.IsRetain);
        Assert.False(retain.IsInsert);
        Assert.False(retain.IsDelete);
        Assert.Equal(5, retain.Length);
        Assert.Equal(string.Empty, retain.Text);
        Assert.Equal("5", retain.ToString());
    }

    [Fact]
    public void Insert_IsString()
    {
        var insert = Single("[\"h😀\"]");

        Assert.True(insert.IsInsert);
        Assert.False(insert.IsRetain);
        Assert.False(insert.IsDelete);
        Assert.Equal(3, insert.Length);
        Assert.Equal("h😀", insert.Text);
    }

    [Fact]
    public void Delete_IsNegativeCount()
    {
        var delete = Single("[-3]");

        Assert.True(delete.IsDelete);
        Assert.False(delete.IsRetain);
        Assert.False(delete.IsInsert);
        Assert.Equal(3, delete.Length);
        Assert.Equal(string.Empty, delete.Text);
        Assert.Equal("-3", delete.ToString());
    }

    [Fact]
    public void ToString_OfInsert_IsAJsonString()
    {
        Assert.Equal("\"say \\\"hi\\\"\"", Single("[\"say \\\"hi\\\"\"]").ToString());
    }

    [Fact]
    public void Equality_IsByKindAndValue()
    {
        Assert.Equal(Single("[3]"), Single("[3]"));
        Assert.Equal(Single("[\"ab\"]"), Single("[\"ab\"]"));
        Assert.Equal(Single("[\"ab\"]").GetHashCode(), Single("[\"ab\"]").GetHashCode());
        Assert.True(Single("[-3]") == Single("[-3]"));
        Assert.True(Single("[3]") != Single("[-3]"));
        Assert.NotEqual(Single("[\"ab\"]"), Single("[\"ba\"]"));
        Assert.NotEqual(Single("[2]"), Single("[3]"));
        Assert.False(Single("[3]").Equals((object)"3"));
        Assert.True(Single("[3]").Equals((object)Single("[3]")));
    }

    [Fact]
    public void Factories_BuildEachKind()
    {
        Assert.Equal(Single("[4]"), OperationComponent.Retain(4));
        Assert.Equal(Single("[-4]"), OperationComponent.Delete(4));
        Assert.Equal(Single("[\"x\"]"), OperationComponent.Insert("x"));
    }
}
