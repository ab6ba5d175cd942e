using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>
/// Issue 10: Join replies and GetOperations pages are bounded in bytes (CollabDocs:Documents:MaxReplyBytes),
/// not only in operations: a joiner behind large operations gets the text; a fetch gets a shorter page.
/// </summary>
public sealed class ReplyBytesTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int Large = 3000;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        // About 6 KB per large operation below: two fit, three do not.
        ["CollabDocs:Documents:MaxReplyBytes"] = "13000",
    };

    [Fact]
    [Trait("Promise", "security.max-reply-bytes")]
    public async Task LargeOperations_JoinGetsTheText_AndGetOperationsShorterPages()
    {
        string id = await CreateDocumentAsync(string.Empty).DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        int length = 0;
        for (int seq = 1; seq <= 5; seq++)
        {
            string piece = new((char)('a' + seq - 1), Large);
            Assert.Equal(seq, await writer.SubmitAsync(id, seq - 1, TextOperation.Splice(length, length, 0, piece), seq).DefaultTimeout());
            length += Large;
        }

        var reader = await ConnectAsync().DefaultTimeout();
        var nearlyCurrent = await reader.JoinAsync(id, knownRevision: 3).DefaultTimeout();
        var behind = await (await ConnectAsync().DefaultTimeout()).JoinAsync(id, knownRevision: 0).DefaultTimeout();
        var firstPage = await reader.GetOperationsAsync(id, 0).DefaultTimeout();
        var secondPage = await reader.GetOperationsAsync(id, firstPage[^1].Revision).DefaultTimeout();

        Assert.NotNull(nearlyCurrent.Operations);
        Assert.Equal([4, 5], nearlyCurrent.Operations.Select(o => o.Revision));
        Assert.Null(behind.Operations);
        Assert.Equal(5 * Large, behind.Text!.Length);
        Assert.Equal([1, 2], firstPage.Select(o => o.Revision));
        Assert.Equal([3, 4], secondPage.Select(o => o.Revision));
        Assert.Equal(behind.Text, firstPage.Concat(secondPage).Aggregate(string.Empty, (text, o) => o.Operation.Apply(text)) + new string('e', Large));
    }
}
