using Microsoft.Data.Sqlite;
using CollabDocs.Client.Tests.Infrastructure;
using CollabDocs.Ot;

namespace CollabDocs.Client.Tests;

/// <summary>
/// Edits made offline while the server compacted the history they were based on: the server can no longer
/// transform them (revision_too_old), so the client merges them onto the server's text (three-way merge)
/// instead of dropping them, and each (clientId, seq) is still committed once.
/// </summary>
public sealed class CompactionRebaseTests(ITestOutputHelper output) : ClientTest(output)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Storage:SnapshotInterval"] = "5",
        ["CollabDocs:Storage:RetainRevisions"] = "10",
        ["CollabDocs:Storage:SnapshotsKept"] = "2",
    };

    [Fact]
    [Trait("Promise", "protocol.reference-client-survives-reload")]
    public async Task OfflineEdits_AcrossACompactionOfTheirBase_AreMergedOntoTheServersText_NotDropped()
    {
        string id = await CreateDocumentAsync("Hello world\n").DefaultTimeout();
        var (offlineClient, network) = NewClient();
        var mirror = new EditorMirror();
        var changes = new List<DocumentChangedEventArgs>();
        var offline = await offlineClient.OpenAsync(id, opening =>
        {
            mirror.Attach(opening);
            opening.Changed += (_, change) => changes.Add(change);
        }).DefaultTimeout();
        var (writerClient, _) = NewClient();
        var writer = await writerClient.OpenAsync(id).DefaultTimeout();

        network.Offline = true;
        network.Disconnect();
        mirror.Type(text => TextOperation.Splice(text.Length, 0, 0, "[A1]"));
        mirror.Type(text => TextOperation.Splice(text.Length, text.IndexOf(" world", StringComparison.Ordinal), 0, "[A2]"));
        mirror.Type(text => TextOperation.Splice(text.Length, text.Length - 1, 1, string.Empty)); // the final newline

        for (int i = 0; i < 40; i++)
        {
            writer.Edit(text => TextOperation.Splice(text.Length, text.Length, 0, "b"));
            await writer.WhenSynchronizedAsync().DefaultTimeout();
        }

        // Compacted in the store, and a new server process: nothing of the old history is left in memory either.
        await UntilCompactedAsync(id).DefaultTimeout(TimeSpan.FromSeconds(60));
        await RestartServerAsync().DefaultTimeout();
        network.Offline = false;
        await offline.WhenSynchronizedAsync().DefaultTimeout();

        // The stop closed the writer's connection too (a clean close, then reconnect): catch up once it is back.
        await Eventually.TrueAsync(() => writer.Status == DocumentStatus.Live, "the writer rejoins the restarted server").DefaultTimeout();
        await writer.CatchUpAsync().DefaultTimeout();

        var (revision, text) = await GetDocumentAsync(id).DefaultTimeout();
        Output.WriteLine($"revision {revision}: {text}");
        Assert.Equal("[A1]Hello[A2] world" + new string('b', 40), text);
        Assert.Equal(text, offline.Text);
        Assert.Equal(text, mirror.Text);
        Assert.Equal(text, writer.Text);
        Assert.DoesNotContain(changes, c => c.DiscardedLocalChanges);
        var log = await GetLogAsync(id, revision - 5).DefaultTimeout();
        Assert.Contains(log, e => e.ClientId == offline.ClientId && e.Seq == offline.LastSeq);
    }

    /// <summary>Waits until the store's log of the document no longer starts at revision 1.</summary>
    private async Task UntilCompactedAsync(string id)
    {
        string file = Path.Combine(DataDirectory, "collabdocs.db");
        while (true)
        {
            using (var database = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            {
                database.Open();
                using var command = database.CreateCommand();
                command.CommandText = "SELECT COALESCE(MIN(Revision), 0) FROM Operations WHERE DocumentId = $id";
                command.Parameters.AddWithValue("$id", id);
                if ((long)command.ExecuteScalar()! > 1)
                {
                    return;
                }
            }

            await Task.Delay(50).DefaultTimeout();
        }
    }
}
