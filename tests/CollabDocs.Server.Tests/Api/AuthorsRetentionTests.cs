using System.Net;
using CollabDocs.Client;
using CollabDocs.Ot;
using CollabDocs.Ot.Authorship;
using CollabDocs.Protocol;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Api;

/// <summary>
/// <c>GET /api/documents/{id}/authors</c> on a server that compacts its log (a snapshot every 5 revisions, 10
/// revisions kept): answered from the authorship stored with the snapshots plus the retained log, also after a
/// restart; below the retained history <c>revision_too_old</c>, as for the text.
/// </summary>
public sealed class AuthorsRetentionTests(ITestOutputHelper output) : ServerTest(output)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Storage:SnapshotInterval"] = "5",
        ["CollabDocs:Storage:RetainRevisions"] = "10",
        ["CollabDocs:Storage:SnapshotsKept"] = "2",
    };

    [Fact]
    [Trait("Promise", "protocol.authors-after-restart-and-compaction")]
    [Trait("Promise", "protocol.authors-errors")]
    public async Task ThreeUsersEditing_OnACompactedLog_AuthorsMatchTheFullLogReplayedNaively_AlsoAfterARestart()
    {
        int seed = RandomEdits.Seed(20261201);
        Output.WriteLine($"seed {seed}");
        const string start = "Three people write here, and the log forgets.\n";
        var created = await Api.CreateAsync(null, start).DefaultTimeout();
        string id = created.Id;

        // The change feed from revision 0 records the whole log before compaction removes its start.
        await using var feed = await EventStreamReader.OpenAsync(Api.Http, id, lastEventId: "0").DefaultTimeout();
        await using var editors = new TestDocumentClients();
        var clients = new CollabDocument[3];
        for (int i = 0; i < clients.Length; i++)
        {
            clients[i] = await editors.OpenAsync(Server, id).DefaultTimeout();
        }

        // Asked once early: the server's map follows the commits in memory until the restart.
        _ = await Api.GetAuthorsAsync(id, null).DefaultTimeout();
        // Edits made while one is in flight are composed into one revision: type until the history is long enough.
        var random = new Random(seed);
        for (int step = 0; step < 5000 && clients.Min(c => c.Revision) < 90; step++)
        {
            clients[random.Next(clients.Length)].Edit(text => RandomEdits.Next(random, text));
            if (step % 5 == 0)
            {
                await Task.Delay(1).DefaultTimeout();
            }
        }

        foreach (var client in clients)
        {
            await client.WhenSynchronizedAsync().DefaultTimeout();
        }

        int head = (await GetDocumentAsync(id).DefaultTimeout()).Revision;
        Assert.InRange(head, 90, int.MaxValue);
        var log = new List<OperationMessage>();
        while (log.Count < head)
        {
            log.Add(await feed.ReadOperationAsync().DefaultTimeout());
        }

        Assert.Equal(Enumerable.Range(1, head), log.Select(o => o.Revision));
        Assert.Equal(3, log.Select(o => o.UserId).Distinct().Count());
        var expected = Replay(new NaiveAuthorship(start.Length, created.CreatedBy, 0, created.CreatedAt.ToUnixTimeMilliseconds()), log);

        // Compaction runs in the background; the last RetainRevisions revisions are never cut, whatever it is doing.
        Assert.InRange(await FloorAfterCompactionAsync(id, head - 25).DefaultTimeout(), head - 25, head - 10);
        await AssertAuthorsAsync(id, expected, [head - 10, head - 5, head - 1, head], belowFloor: [1, 0]).DefaultTimeout();

        // A new process (stopping the old one ends its compaction): nothing in memory, and the log no longer reaches revision 0.
        await RestartAsync().DefaultTimeout();
        int floor = (int)Scalar("SELECT MIN(Revision) FROM Snapshots WHERE DocumentId = $id", id);
        Output.WriteLine($"head {head}, floor {floor}, {AuthorshipColumn(id)}");
        Assert.InRange(floor, head - 25, head - 10);
        Assert.Equal(floor + 1L, OldestOperation(id));
        await AssertAuthorsAsync(id, expected, [floor, floor + 1, (floor + head) / 2, head - 1, head], belowFloor: [floor - 1, 1, 0]).DefaultTimeout();
    }

    [Fact]
    [Trait("Promise", "protocol.authors-unavailable-never-guessed")]
    [Trait("Promise", "security.error-authorship-unavailable")]
    public async Task SnapshotsWithoutAuthorship_AnswerWhileTheLogReachesRevisionZero_AfterwardsAuthorshipUnavailable()
    {
        var created = await Api.CreateAsync(null, "abc").DefaultTimeout();
        string id = created.Id;
        await using var feed = await EventStreamReader.OpenAsync(Api.Http, id, lastEventId: "0").DefaultTimeout();

        // As in a database migrated from before authorship was kept.
        ClearAuthorship(id);
        var writer = await ConnectAsync().DefaultTimeout();
        string text = "abc";
        for (int seq = 1; seq <= 3; seq++)
        {
            await writer.SubmitAsync(id, seq - 1, TextOperation.Splice(text.Length, 1, 0, "x"), seq).DefaultTimeout();
            text = text.Insert(1, "x");
        }

        var log = new List<OperationMessage>();
        var naive = new NaiveAuthorship(3, created.CreatedBy, 0, created.CreatedAt.ToUnixTimeMilliseconds());
        var expected = Replay(naive, await ReadAsync(feed, log, 3).DefaultTimeout());
        Assert.Equal(expected[3], await Api.GetAuthorsAsync(id, null).DefaultTimeout());

        // The log still reaches revision 0, so the snapshots written from here on carry authorship, also once it is compacted.
        for (int seq = 4; seq <= 40; seq++)
        {
            await writer.SubmitAsync(id, seq - 1, TextOperation.Splice(text.Length, text.Length / 2, 0, "y"), seq).DefaultTimeout();
            text = text.Insert(text.Length / 2, "y");
        }

        expected = Replay(naive, await ReadAsync(feed, log, 37).DefaultTimeout());
        Assert.InRange(await FloorAfterCompactionAsync(id, 15).DefaultTimeout(), 15, 30);
        await RestartAsync().DefaultTimeout();
        int floor = (int)Scalar("SELECT MIN(Revision) FROM Snapshots WHERE DocumentId = $id", id);
        Assert.InRange(floor, 15, 30);
        Assert.Equal(expected[40], await Api.GetAuthorsAsync(id, null).DefaultTimeout());

        // Every retained snapshot without authorship and no log back to revision 0: a typed refusal, never a guess.
        ClearAuthorship(id);
        await RestartAsync().DefaultTimeout();
        using (var unavailable = await Api.Http.GetAsync(AuthorsReader.AuthorsUri(id, null)).DefaultTimeout())
        {
            await DocumentsApi.AssertProblemAsync(unavailable, HttpStatusCode.Gone, "authorship_unavailable").DefaultTimeout();
        }

        using (var tooOld = await Api.Http.GetAsync(AuthorsReader.AuthorsUri(id, floor - 1)).DefaultTimeout())
        {
            await DocumentsApi.AssertProblemAsync(tooOld, HttpStatusCode.Gone, "revision_too_old").DefaultTimeout();
        }
    }

    /// <summary>The head by default (the last of <paramref name="retained"/>) and each retained revision as the reference has them; each revision below the floor 410, as for the text.</summary>
    private async Task AssertAuthorsAsync(string id, Dictionary<int, IReadOnlyList<AuthorshipRange>> expected, int[] retained, int[] belowFloor)
    {
        Assert.Equal(expected[retained[^1]], await Api.GetAuthorsAsync(id, null).DefaultTimeout());
        foreach (int revision in retained)
        {
            Assert.Equal(expected[revision], await Api.GetAuthorsAsync(id, revision).DefaultTimeout());
        }

        foreach (int revision in belowFloor)
        {
            using var tooOld = await Api.Http.GetAsync(AuthorsReader.AuthorsUri(id, revision)).DefaultTimeout();
            await DocumentsApi.AssertProblemAsync(tooOld, HttpStatusCode.Gone, "revision_too_old").DefaultTimeout();
            using var text = await Api.Http.GetAsync(new Uri($"/api/documents/{id}/text?revision={revision}", UriKind.Relative)).DefaultTimeout();
            await DocumentsApi.AssertProblemAsync(text, HttpStatusCode.Gone, "revision_too_old").DefaultTimeout();
        }
    }

    /// <summary>The ranges after every operation of <paramref name="log"/>, by revision (and at the reference's start).</summary>
    private static Dictionary<int, IReadOnlyList<AuthorshipRange>> Replay(NaiveAuthorship naive, IEnumerable<OperationMessage> log)
    {
        var ranges = new Dictionary<int, IReadOnlyList<AuthorshipRange>>();
        foreach (var operation in log)
        {
            naive.Apply(operation.Operation, operation.UserId, operation.Revision, operation.Timestamp);
            ranges[operation.Revision] = naive.GetRanges();
        }

        return ranges;
    }

    private static async Task<List<OperationMessage>> ReadAsync(EventStreamReader feed, List<OperationMessage> log, int count)
    {
        var read = new List<OperationMessage>();
        for (int i = 0; i < count; i++)
        {
            read.Add(await feed.ReadOperationAsync().DefaultTimeout());
        }

        log.AddRange(read);
        Assert.Equal(Enumerable.Range(1, log.Count), log.Select(o => o.Revision));
        return read;
    }

    /// <summary>The compaction floor (the oldest snapshot) once background compaction has cut the log to at least <paramref name="atLeast"/> (or after 20 s).</summary>
    private async Task<int> FloorAfterCompactionAsync(string id, int atLeast)
    {
        int floor = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && floor < atLeast; await Task.Delay(20))
        {
            floor = (int)Scalar("SELECT COALESCE(MIN(Revision), 0) FROM Snapshots WHERE DocumentId = $id", id);
        }

        return floor;
    }

    private long OldestOperation(string id) => Scalar("SELECT MIN(Revision) FROM Operations WHERE DocumentId = $id", id);

    private string AuthorshipColumn(string id)
    {
        using var database = Data.OpenDatabase();
        using var command = database.CreateCommand();
        command.CommandText = "SELECT group_concat(Revision || ':' || COALESCE(length(Authorship), -1) || '/' || length(Text)) FROM Snapshots WHERE DocumentId = $id";
        command.Parameters.AddWithValue("$id", id);
        return $"snapshots (revision:authorship bytes/text chars) {command.ExecuteScalar()}";
    }

    /// <summary>Empties the document's <c>Snapshots.Authorship</c>, as in a database migrated from before the column.</summary>
    private void ClearAuthorship(string id)
    {
        using var database = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Data.DatabaseFile, Pooling = false }.ToString());
        database.Open();
        using var command = database.CreateCommand();
        command.CommandText = "UPDATE Snapshots SET Authorship = NULL WHERE DocumentId = $id";
        command.Parameters.AddWithValue("$id", id);
        Assert.True(command.ExecuteNonQuery() > 0);
    }

    private long Scalar(string sql, string id)
    {
        using var database = Data.OpenDatabase();
        using var command = database.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return (long)command.ExecuteScalar()!;
    }
}
