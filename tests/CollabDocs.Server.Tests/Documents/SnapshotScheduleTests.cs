using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>
/// <c>CollabDocs:Storage:SnapshotInterval</c> and <c>SnapshotsKept</c> on the real server: the background maintenance
/// pass writes a snapshot at every interval's multiple after the commit that crosses it, keeps the newest ones and
/// the floor, and deletes older ones (read behind the server's back in its database).
/// </summary>
public sealed class SnapshotScheduleTests(ITestOutputHelper output) : ServerTest(output)
{
    private const int Interval = 5;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Storage:SnapshotInterval"] = "5",
        ["CollabDocs:Storage:SnapshotsKept"] = "3",
    };

    [Fact]
    [Trait("Promise", "security.snapshot-interval")]
    [Trait("Promise", "security.snapshots-kept")]
    public async Task EachCrossedInterval_GetsASnapshotFromTheBackgroundPass_TheNewestAreKept_OlderOnesDeleted()
    {
        string id = await CreateDocumentAsync("").DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        var texts = new List<string> { string.Empty };
        var seen = new SortedSet<long>();
        for (int seq = 1; seq <= 40; seq++)
        {
            string text = texts[^1];
            Assert.Equal(seq, await writer.SubmitAsync(id, seq - 1, TextOperation.Splice(text.Length, text.Length / 2, 0, ((char)('a' + (seq % 26))).ToString()), seq).DefaultTimeout());
            texts.Add(text.Insert(text.Length / 2, ((char)('a' + (seq % 26))).ToString()));
            if (seq % Interval == 0)
            {
                // Nothing asks for it: the pass scheduled by this commit writes the snapshot at this revision.
                var snapshots = await SnapshotsOnceWrittenAsync(id, seq).DefaultTimeout();
                Assert.True(snapshots.ContainsKey(seq), $"no snapshot at {seq}: {string.Join(',', snapshots.Keys)}");
                seen.UnionWith(snapshots.Keys);
            }
        }

        var kept = await SnapshotsOnceWrittenAsync(id, 40).DefaultTimeout();
        Output.WriteLine($"seen {string.Join(',', seen)}, kept {string.Join(',', kept.Keys)}");

        // Only at the interval's multiples, each holding the text of its revision.
        Assert.All(seen, revision => Assert.Equal(0, revision % Interval));
        foreach (var (revision, text) in kept)
        {
            Assert.Equal(texts[(int)revision], text);
        }

        // The three newest and the floor (revision 0, nothing compacted) stay; of the nine written, older ones went.
        Assert.Superset(new SortedSet<long> { 0, 30, 35, 40 }, new SortedSet<long>(kept.Keys));
        Assert.InRange(kept.Count, 4, 8);
        Assert.Equal(40, texts[^1].Length);
    }

    /// <summary>The document's snapshots (revision, text), once one at <paramref name="revision"/> exists (or after 20 s).</summary>
    private async Task<SortedDictionary<long, string>> SnapshotsOnceWrittenAsync(string id, int revision)
    {
        var snapshots = new SortedDictionary<long, string>();
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            snapshots.Clear();
            using var database = Data.OpenDatabase();
            using var command = database.CreateCommand();
            command.CommandText = "SELECT Revision, Text FROM Snapshots WHERE DocumentId = $id";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                snapshots[reader.GetInt64(0)] = reader.GetString(1);
            }

            if (snapshots.ContainsKey(revision))
            {
                break;
            }
        }

        return snapshots;
    }
}
