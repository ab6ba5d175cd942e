using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// Every case of <see cref="BadInputCorpus"/> through the real hub on its own connection: it gets its
/// documented outcome, another client keeps being served, and the victim's text and log are byte-for-byte
/// what they were.
/// </summary>
public sealed class BadInputCorpusTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    public static TheoryData<string> Cases => [.. BadInputCorpus.All.Select(c => c.Name)];

    [Fact]
    public void Corpus_HasAtLeastFortyCases_WithUniqueNames()
    {
        Assert.True(BadInputCorpus.All.Count >= 40);
        Assert.Equal(BadInputCorpus.All.Count, BadInputCorpus.All.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Promise", "protocol.failed-call-changes-nothing")]
    [Trait("Promise", "security.bad-input-changes-nothing")]
    [Trait("Promise", "security.limit-changes-nothing")]
    [Trait("Promise", "protocol.error-invalid-argument")]
    [Trait("Promise", "protocol.error-malformed-operation")]
    [Trait("Promise", "protocol.error-operation-mismatch")]
    [Trait("Promise", "protocol.error-revision-in-future")]
    [Trait("Promise", "protocol.error-revision-too-old")]
    [Trait("Promise", "protocol.error-seq-out-of-order")]
    [Trait("Promise", "protocol.error-forbidden")]
    [Trait("Promise", "protocol.error-document-not-found")]
    [Trait("Promise", "protocol.error-limit-exceeded")]
    [Trait("Promise", "security.max-message-bytes")]
    [Trait("Promise", "security.max-operation-length")]
    [Trait("Promise", "security.max-components")]
    [Trait("Promise", "security.max-document-length")]
    [Trait("Promise", "security.max-revision-lag")]
    [Trait("Promise", "security.max-documents-per-connection")]
    [Trait("Promise", "security.max-presence-ranges")]
    [Trait("Promise", "security.id-limits")]
    [Trait("Promise", "security.seq-at-least-one")]
    [Trait("Promise", "protocol.surrogate-split-rejected")]
    [Trait("Promise", "protocol.presence-requires-join")]
    [Trait("Promise", "protocol.bad-frame-closes-connection")]
    public async Task BadInput_GetsItsDocumentedOutcome_AndChangesNothing(string name)
    {
        var badInput = BadInputCorpus.All.Single(c => c.Name == name);
        var user = badInput.User switch
        {
            "viewer" => fixture.Viewer,
            "stranger" => fixture.Stranger,
            _ => fixture.Editor,
        };
        await using var socket = await fixture.Factory.ConnectRawAsync(user.Token).DefaultTimeout();
        foreach (string documentId in badInput.Joins)
        {
            var joined = await socket.InvokeAsync("Join", $"\"{documentId}\",null").DefaultTimeout();
            Assert.True(joined.Error is null && !joined.Closed, $"join {documentId}: {joined}");
        }

        var outcomes = await badInput.Run(socket).DefaultTimeout();

        badInput.Check(outcomes);
        await fixture.AssertOthersAreServedAsync().DefaultTimeout();
        Assert.Equal(fixture.Baseline, await fixture.VictimSnapshotAsync().DefaultTimeout());
    }
}
