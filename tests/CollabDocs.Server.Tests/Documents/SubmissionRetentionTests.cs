using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using CollabDocs.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>
/// <c>CollabDocs:Storage:RetainSubmissionRevisions</c> on the real server: once the maintenance pass has pruned the
/// exactly-once records older than the window, a resend of a pruned seq is refused with <c>seq_out_of_order</c> and
/// not applied, while each client's highest seq keeps its record however old it is.
/// </summary>
public sealed class SubmissionRetentionTests(ITestOutputHelper output) : ServerTest(output)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Storage:SnapshotInterval"] = "5",
        ["CollabDocs:Storage:RetainSubmissionRevisions"] = "10",
        ["CollabDocs:Storage:BackgroundMaintenance"] = "false",
    };

    [Fact]
    [Trait("Promise", "security.retain-submission-revisions")]
    public async Task PrunedSeqs_AreRefusedAsOutOfOrder_NotApplied_WhileEachClientsHighestSeqIsStillAnswered()
    {
        string id = await CreateDocumentAsync("").DefaultTimeout();
        var quiet = await ConnectAsync(clientId: "quiet").DefaultTimeout();
        var busy = await ConnectAsync(clientId: "busy").DefaultTimeout();

        // quiet: seqs 1..3 as revisions 1..3; busy: seqs 1..20 as revisions 4..23. Each appends one character.
        string text = string.Empty;
        for (int seq = 1; seq <= 3; seq++)
        {
            Assert.Equal(seq, await quiet.SubmitAsync(id, seq - 1, Append(text, 'q'), seq).DefaultTimeout());
            text += "q";
        }

        for (int seq = 1; seq <= 20; seq++)
        {
            Assert.Equal(seq + 3, await busy.SubmitAsync(id, seq + 2, Append(text, 'b'), seq).DefaultTimeout());
            text += "b";
        }

        // Before pruning, the records answer resends of old seqs with their revisions.
        Assert.Equal(2, await quiet.SubmitAsync(id, 1, Append("q", 'q'), 2).DefaultTimeout());
        Assert.Equal(13, await busy.SubmitAsync(id, 12, Append(text[..12], 'b'), 10).DefaultTimeout());

        // Head 23, window 10: records of revisions 1..13 go (quiet's seqs 1 and 2, busy's seqs 1..10), but not quiet's highest, seq 3.
        var result = await Server.Services.GetRequiredService<IStoreMaintenance>().MaintainAsync(id).DefaultTimeout();
        Assert.Equal(12, result!.SubmissionsDeleted);

        await HubErrors.AssertCodeAsync("seq_out_of_order", () => quiet.SubmitAsync(id, 1, Append("q", 'q'), 2)).DefaultTimeout();
        await HubErrors.AssertCodeAsync("seq_out_of_order", () => busy.SubmitAsync(id, 12, Append(text[..12], 'b'), 10)).DefaultTimeout();
        Assert.Equal(3, await quiet.SubmitAsync(id, 2, Append("qq", 'q'), 3).DefaultTimeout());
        Assert.Equal(14, await busy.SubmitAsync(id, 13, Append(text[..13], 'b'), 11).DefaultTimeout());

        // Also from the store alone, after a restart.
        await RestartAsync().DefaultTimeout();
        var quietAgain = await ConnectAsync(clientId: "quiet").DefaultTimeout();
        await HubErrors.AssertCodeAsync("seq_out_of_order", () => quietAgain.SubmitAsync(id, 0, Append(string.Empty, 'q'), 1)).DefaultTimeout();
        Assert.Equal(3, await quietAgain.SubmitAsync(id, 2, Append("qq", 'q'), 3).DefaultTimeout());

        Assert.Equal((23, "qqq" + new string('b', 20)), await GetDocumentAsync(id).DefaultTimeout());
    }

    private static TextOperation Append(string text, char c) => TextOperation.Splice(text.Length, text.Length, 0, c.ToString());
}
