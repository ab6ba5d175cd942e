using System.Globalization;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>
/// docs/protocol.md, Join: "if the server can send the operations k+1 … revision, text is null and operations
/// holds them in revision order; otherwise (too many, or k is not valid) text is the full text and operations
/// is null"; "Too many operations means more than CollabDocs:Documents:MaxJoinOperations".
/// </summary>
public sealed class JoinLimitTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int MaxJoinOperations = 4;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Documents:MaxJoinOperations"] = MaxJoinOperations.ToString(CultureInfo.InvariantCulture),
    };

    [Fact]
    [Trait("Promise", "protocol.join-too-far-behind-returns-text")]
    [Trait("Promise", "security.max-join-operations")]
    public async Task Join_WithMoreThanMaxJoinOperationsMissing_ReturnsTheFullText_AndAtTheLimitTheOperations()
    {
        string id = await CreateDocumentAsync(string.Empty).DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        const int Revisions = MaxJoinOperations + 2;
        for (int seq = 1; seq <= Revisions; seq++)
        {
            // Appends the digit seq: the text at revision r is "123…r".
            Assert.Equal(seq, await writer.SubmitAsync(id, seq - 1, TextOperation.Splice(seq - 1, seq - 1, 0, seq.ToString(CultureInfo.InvariantCulture)), seq).DefaultTimeout());
        }

        var reader = await ConnectAsync().DefaultTimeout();

        // MaxJoinOperations + 1 missing (known revision 1): the full text instead.
        var tooFar = await reader.JoinAsync(id, knownRevision: Revisions - MaxJoinOperations - 1).DefaultTimeout();
        Assert.Equal((Revisions, "123456"), (tooFar.Revision, tooFar.Text));
        Assert.Null(tooFar.Operations);

        // Exactly MaxJoinOperations missing (known revision 2): the operations 3 … 6.
        var atLimit = await reader.JoinAsync(id, knownRevision: Revisions - MaxJoinOperations).DefaultTimeout();
        Assert.Null(atLimit.Text);
        Assert.NotNull(atLimit.Operations);
        Assert.Equal([3, 4, 5, 6], atLimit.Operations.Select(o => o.Revision));
        Assert.Equal("123456", atLimit.Operations.Aggregate("12", (text, o) => o.Operation.Apply(text)));
    }
}
