using System.Net;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>
/// A server with a short log retention (CollabDocs:Storage:RetainRevisions): below it time travel and
/// operations answer <c>revision_too_old</c> (HTTP 410), a join gets the text, and a resend of a seq committed
/// before the retained history is answered with its revision, never applied again.
/// </summary>
public sealed class RetentionTests(ITestOutputHelper output) : ServerTest(output)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Storage:SnapshotInterval"] = "5",
        ["CollabDocs:Storage:RetainRevisions"] = "10",
        ["CollabDocs:Storage:SnapshotsKept"] = "2",
    };

    [Fact]
    [Trait("Promise", "security.retain-revisions")]
    [Trait("Promise", "protocol.error-revision-too-old")]
    public async Task BelowTheRetention_HistoryIsTypedAsTooOld_JoinsGetTheText_AndOldResendsAreAnsweredNotApplied()
    {
        string id = await CreateDocumentAsync("").DefaultTimeout();
        var early = await ConnectAsync(clientId: "early").DefaultTimeout();
        var writer = await ConnectAsync(clientId: "writer").DefaultTimeout();
        Assert.Equal(1, await early.SubmitAsync(id, 0, TextOperation.Splice(0, 0, 0, "e"), 1).DefaultTimeout());
        string text = "e";
        for (int seq = 1; seq < 60; seq++)
        {
            Assert.Equal(seq + 1, await writer.SubmitAsync(id, seq, TextOperation.Splice(text.Length, text.Length, 0, "x"), seq).DefaultTimeout());
            text += "x";
        }

        // Compaction runs after the commits, in the background.
        long oldest = await OldestOperationAfterCompactionAsync(id).DefaultTimeout();

        using (var database = Data.OpenDatabase())
        using (var command = database.CreateCommand())
        {
            command.CommandText = "SELECT group_concat(Revision) FROM Snapshots WHERE DocumentId = $id";
            command.Parameters.AddWithValue("$id", id);
            Output.WriteLine($"snapshots {command.ExecuteScalar()}, oldest operation {oldest}");
        }

        Assert.InRange(oldest, 41, 51);

        // A new process: nothing in memory, everything from the store.
        await RestartAsync().DefaultTimeout();
        using (var tooOld = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/text?revision=1", UriKind.Relative)).DefaultTimeout())
        {
            await DocumentsApi.AssertProblemAsync(tooOld, HttpStatusCode.Gone, "revision_too_old").DefaultTimeout();
        }

        using (var operations = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/operations?from=0", UriKind.Relative)).DefaultTimeout())
        {
            await DocumentsApi.AssertProblemAsync(operations, HttpStatusCode.Gone, "revision_too_old").DefaultTimeout();
        }

        Assert.Equal("e" + new string('x', 50), await Api.GetTextAtAsync(id, 51).DefaultTimeout());
        var reader = await ConnectAsync().DefaultTimeout();
        await HubErrors.AssertCodeAsync("revision_too_old", () => reader.GetOperationsAsync(id, 0)).DefaultTimeout();
        var joined = await reader.JoinAsync(id, knownRevision: 1).DefaultTimeout();
        Assert.Equal((60, text), (joined.Revision, joined.Text));

        // The early client never heard its acknowledgement and resends seq 1 on base 0: the log between is gone, the record is not.
        var resent = await ConnectAsync(clientId: "early").DefaultTimeout();
        Assert.Equal(1, await resent.SubmitAsync(id, 0, TextOperation.Splice(0, 0, 0, "e"), 1).DefaultTimeout());

        // An older seq of the writer, whose record was pruned, is refused, not applied.
        var stale = await ConnectAsync(clientId: "writer").DefaultTimeout();
        await HubErrors.AssertCodeAsync("seq_out_of_order", () => stale.SubmitAsync(id, 0, TextOperation.Splice(0, 0, 0, "y"), 1)).DefaultTimeout();
        Assert.Equal((60, text), await GetDocumentAsync(id).DefaultTimeout());
    }

    [Fact]
    public async Task ANodeLeftBehindThePrunedLog_StartsAgainFromTheLatestSnapshot_AndCommitsOnTop()
    {
        var other = StartServer();
        string id = await CreateDocumentAsync("").DefaultTimeout();
        var here = await ConnectAsync().DefaultTimeout();
        Assert.Equal(0, (await here.JoinAsync(id).DefaultTimeout()).Revision);

        // The other node writes far past the retention; this node's document stays loaded at revision 0.
        var writer = await ConnectAsync(other).DefaultTimeout();
        string text = string.Empty;
        for (int seq = 1; seq <= 60; seq++)
        {
            Assert.Equal(seq, await writer.SubmitAsync(id, seq - 1, TextOperation.Splice(text.Length, text.Length, 0, "x"), seq).DefaultTimeout());
            text += "x";
        }

        long oldest = await OldestOperationAfterCompactionAsync(id).DefaultTimeout();

        Assert.InRange(oldest, 41, 51);

        // A client that saw revision 60 submits here: this node catches up across the compacted log.
        Assert.Equal(61, await here.SubmitAsync(id, 60, TextOperation.Splice(60, 0, 0, "!"), 1).DefaultTimeout());
        Assert.Equal((61, "!" + text), await GetDocumentAsync(id).DefaultTimeout());
        Assert.Equal((61, "!" + text), await GetDocumentAsync(id, other).DefaultTimeout());
    }

    /// <summary>The oldest revision left in the log, once background compaction has cut it past 40 (or after 20 s).</summary>
    private async Task<long> OldestOperationAfterCompactionAsync(string id)
    {
        long oldest = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && oldest <= 40; await Task.Delay(20))
        {
            using var database = Data.OpenDatabase();
            using var command = database.CreateCommand();
            command.CommandText = "SELECT COALESCE(MIN(Revision), 0) FROM Operations WHERE DocumentId = $id";
            command.Parameters.AddWithValue("$id", id);
            oldest = (long)command.ExecuteScalar()!;
        }

        return oldest;
    }
}
