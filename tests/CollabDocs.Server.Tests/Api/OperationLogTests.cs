using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary>The log read in pages, through the hub (<c>GetOperations</c>) and the HTTP API alike.</summary>
public sealed class OperationLogTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int PageSize = 4;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Documents:MaxOperationsPerFetch"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    [Trait("Promise", "protocol.get-operations-paged")]
    [Trait("Promise", "security.max-operations-per-fetch")]
    public async Task GetOperations_ReturnsAtMostOnePage_AndTheRestFromTheLastRevisionReceived()
    {
        string id = await CreateDocumentAsync().DefaultTimeout();
        var client = await ConnectAsync().DefaultTimeout();
        string text = string.Empty;
        for (int seq = 1; seq <= 10; seq++)
        {
            var operation = TextOperation.Splice(text.Length, text.Length, 0, ((char)('a' + seq - 1)).ToString());
            Assert.Equal(seq, await client.SubmitAsync(id, seq - 1, operation, seq).DefaultTimeout());
            text = operation.Apply(text);
        }

        Assert.Equal([1, 2, 3, 4], (await client.GetOperationsAsync(id, 0).DefaultTimeout()).Select(o => o.Revision));
        Assert.Equal([5, 6, 7, 8], (await client.GetOperationsAsync(id, 4).DefaultTimeout()).Select(o => o.Revision));
        Assert.Equal([9, 10], (await client.GetOperationsAsync(id, 8).DefaultTimeout()).Select(o => o.Revision));
        Assert.Empty(await client.GetOperationsAsync(id, 10).DefaultTimeout());
        Assert.Equal([7, 8], (await client.GetOperationsAsync(id, 6, 8).DefaultTimeout()).Select(o => o.Revision));
        Assert.Equal([4, 5, 6, 7], (await Api.GetOperationsAsync(id, from: 3).DefaultTimeout()).Select(o => o.Revision));

        var log = await Api.GetLogAsync(id).DefaultTimeout();
        Assert.Equal(Enumerable.Range(1, 10), log.Select(o => o.Revision));
        Assert.Equal("abcdefghij", log.Aggregate(string.Empty, (t, o) => o.Operation.Apply(t)));
    }
}
