using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>A submit made on an older revision is transformed against everything committed since, incoming first.</summary>
public sealed class StaleBaseRevisionTests(ITestOutputHelper output) : ServerTest(output)
{
    [Fact]
    public async Task Submit_OnStaleBase_IsTransformedAgainstLaterOperations()
    {
        string id = await CreateDocumentAsync("hello world").DefaultTimeout();
        var alice = await ConnectAsync().DefaultTimeout();
        var bob = await ConnectAsync().DefaultTimeout();
        await alice.JoinAsync(id).DefaultTimeout();
        await bob.JoinAsync(id).DefaultTimeout();

        // Both edit revision 0: Alice inserts "big " before "world", Bob deletes "hello ".
        Assert.Equal(1, await alice.SubmitAsync(id, 0, Splice("hello world", 6, 0, "big "), seq: 1).DefaultTimeout());
        Assert.Equal(2, await bob.SubmitAsync(id, 0, Splice("hello world", 0, 6, ""), seq: 1).DefaultTimeout());

        Assert.Equal((2, "big world"), await GetDocumentAsync(id).DefaultTimeout());
        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal(TextOperation.Parse("""[-6,9]"""), log[1].Operation);

        // Alice receives Bob's operation in its committed (transformed) form.
        var broadcast = await alice.Operations.ReadAsync().DefaultTimeout();
        Assert.Equal(2, broadcast.Revision);
        Assert.Equal(log[1].Operation, broadcast.Operation);
        Assert.Equal(bob.ClientId, broadcast.ClientId);
    }

    [Fact]
    [Trait("Promise", "protocol.incoming-insert-goes-first")]
    public async Task Submit_OnStaleBase_InsertAtSamePosition_IncomingGoesFirst()
    {
        string id = await CreateDocumentAsync("ab").DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();
        await client.JoinAsync(id).DefaultTimeout();

        Assert.Equal(1, await client.SubmitAsync(id, 0, Splice("ab", 1, 0, "X"), seq: 1, clientId: "first").DefaultTimeout());
        Assert.Equal(2, await client.SubmitAsync(id, 0, Splice("ab", 1, 0, "Y"), seq: 1, clientId: "second").DefaultTimeout());
        Assert.Equal(3, await client.SubmitAsync(id, 0, Splice("ab", 1, 0, "Z"), seq: 1, clientId: "third").DefaultTimeout());

        // ot.js: the incoming operation wins the tie, so each later insert lands before the earlier ones.
        Assert.Equal((3, "aZYXb"), await GetDocumentAsync(id).DefaultTimeout());
        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal(TextOperation.Parse("""[1,"Y",2]"""), log[1].Operation);
        Assert.Equal(TextOperation.Parse("""[1,"Z",3]"""), log[2].Operation);
    }

    [Fact]
    public async Task Submit_OnStaleBase_OverlappingDeletes_DeleteOnlyWhatIsLeft()
    {
        string id = await CreateDocumentAsync("abcdef").DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();

        Assert.Equal(1, await client.SubmitAsync(id, 0, Splice("abcdef", 1, 3, ""), seq: 1, clientId: "left").DefaultTimeout());
        Assert.Equal(2, await client.SubmitAsync(id, 0, Splice("abcdef", 2, 3, "-"), seq: 1, clientId: "right").DefaultTimeout());

        // "bcd" went first; of "cde" only "e" is left to delete, and "-" goes where "c" was.
        Assert.Equal((2, "a-f"), await GetDocumentAsync(id).DefaultTimeout());
        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal(TextOperation.Parse("""[1,"-",-1,1]"""), log[1].Operation);
    }

    [Fact]
    public async Task Submit_SeveralRevisionsBehind_IsTransformedThroughEachOfThem()
    {
        const string start = "The quick brown fox";
        string id = await CreateDocumentAsync(start).DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();

        // Three commits on top of each other, then one made on revision 0.
        string text = start;
        var committed = new List<TextOperation>();
        foreach (var (position, delete, insert) in new[] { (4, 6, ""), (0, 0, ">> "), (16, 0, " jumps") })
        {
            var operation = Splice(text, position, delete, insert);
            Assert.Equal(committed.Count + 1, await client.SubmitAsync(id, committed.Count, operation, seq: committed.Count + 1).DefaultTimeout());
            committed.Add(operation);
            text = operation.Apply(text);
        }

        Assert.Equal(">> The brown fox jumps", text);
        var stale = Splice(start, 10, 9, "cat");
        Assert.Equal(4, await client.SubmitAsync(id, 0, stale, seq: 1, clientId: "late").DefaultTimeout());

        var expected = stale;
        foreach (var operation in committed)
        {
            expected = TextOperation.Transform(expected, operation).APrime;
        }

        Assert.Equal((4, ">> The cat jumps"), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal(expected, (await Api.GetLogAsync(id).DefaultTimeout())[3].Operation);
    }

    internal static TextOperation Splice(string text, int position, int deleteCount, string insert) =>
        TextOperation.Splice(text.Length, position, deleteCount, insert);
}
