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
