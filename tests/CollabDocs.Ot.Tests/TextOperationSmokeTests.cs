namespace CollabDocs.Ot.Tests;

public sealed class TextOperationSmokeTests
{
    [Fact]
    public void Transform_InsertsAtSamePosition_IncomingWins()
    {
        var a = TextOperation.Parse("[1,\"a\",2]");
        var b = TextOperation.Parse("[1,\"b\",2]");
        var (aPrime, bPrime) = TextOperation.Transform(a, b);
        Assert.Equal("xabyz", bPrime.Apply(a.Apply("xyz")));
        Assert.Equal("xabyz", aPrime.Apply(b.Apply("xyz")));
    }

    [Fact]
    public void Document_AppliesSpliceSequence()
    {
        var doc = new TextDocument("hello");
        doc.Apply(TextOperation.Splice(5, 5, 0, " world"));
        doc.Apply(TextOperation.Splice(11, 0, 1, "H"));
        Assert.Equal("Hello world", doc.ToString());
    }
}
