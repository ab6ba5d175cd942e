using System.Diagnostics;
using System.Globalization;
using CollabDocs.Ot;
using CollabDocs.Storage.Tests.Infrastructure;

namespace CollabDocs.Storage.Tests;

/// <summary>
/// Issue 10's acceptance run: 10⁶ operations on one document with a short retention keep the database
/// bounded, and a cold open replays at most a snapshot interval. COLLABDOCS_LIFECYCLE_OPERATIONS sets the
/// count (default: <see cref="StoreFixture.DefaultScaleOperations"/>, 2·10⁵ to keep CI within about a minute); the
/// figures are printed, with the count that ran.
/// </summary>
public abstract partial class DocumentStoreSpecification<TFixture>
{
    // Group commits of the size the server's prepared statements cover (CommitConnection.MaxPreparedOperations).
    private const int ScaleBatch = 16;
    private const int ScaleRetention = 10_000;
    private const int ScaleInterval = 1000;
    private const int ScaleClients = 100;

    [StoreFact]
    public async Task Lifecycle_AMillionOperations_ShortRetention_DatabaseStaysBounded_ColdOpenReplaysLittle()
    {
        int total = int.TryParse(Environment.GetEnvironmentVariable("COLLABDOCS_LIFECYCLE_OPERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out int configured)
            ? configured
            : Fixture.DefaultScaleOperations;
        var (store, maintenance) = Fixture.OpenStore(o => { o.SnapshotInterval = ScaleInterval; o.RetainRevisions = ScaleRetention; o.BackgroundMaintenance = false; });
        string id = NewId();
        var text = new TextDocument(new string('a', 1000));
        Assert.True(await store.CreateAsync(id, text.ToString(), "ada").DefaultTimeout());
        var seqs = new int[ScaleClients];
        var clock = Stopwatch.StartNew();
        var committing = new Stopwatch();
        var maintaining = new Stopwatch();
        long largest = 0;
        for (int revision = 0; revision < total;)
        {
            var operations = new List<NewOperation>(ScaleBatch);
            for (int i = 0; i < ScaleBatch && revision + i < total; i++)
            {
                int n = revision + i;
                int length = text.Length;

                // Alternately insert and delete one character: the text stays about 1,000 characters long.
                var operation = n % 2 == 0
                    ? TextOperation.Splice(length, (int)((n * 7919L) % (length + 1)), 0, "x")
                    : TextOperation.Splice(length, (int)((n * 104729L) % length), 1, "");
                text.Apply(operation);
                int client = n % ScaleClients;
                operations.Add(new NewOperation(operation, "client-" + client, ++seqs[client], "ada", 1_700_000_000_000 + n, n));
            }

            committing.Start();
            Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(new CommitBatch(id, revision, operations, text.Length, null)).DefaultTimeout());
            committing.Stop();
            revision += operations.Count;

            // What the background pass does after a batch that crosses a snapshot boundary.
            if (revision / ScaleInterval > (revision - operations.Count) / ScaleInterval)
            {
                maintaining.Start();
                await maintenance.MaintainAsync(id).DefaultTimeout();
                maintaining.Stop();
            }
            if (revision / 100_000 > (revision - operations.Count) / 100_000)
            {
                largest = Math.Max(largest, await Fixture.SizeAsync());
            }
        }

        var written = clock.Elapsed;
        long size = await Fixture.SizeAsync();
        largest = Math.Max(largest, size);
        long operationRows = await Fixture.ScalarAsync($"""SELECT COUNT(*) FROM "Operations" WHERE "DocumentId" = '{id}'""");
        long snapshotRows = await Fixture.ScalarAsync($"""SELECT COUNT(*) FROM "Snapshots" WHERE "DocumentId" = '{id}'""");
        long submissionRows = await Fixture.ScalarAsync($"""SELECT COUNT(*) FROM "Submissions" WHERE "DocumentId" = '{id}'""");

        // Cold open, as a node loading the document does: a new store, the latest snapshot, the operations after it.
        var (reopened, _) = Fixture.OpenStore(o => { o.SnapshotInterval = ScaleInterval; o.BackgroundMaintenance = false; });
        clock.Restart();
        var head = await reopened.GetAsync(id).DefaultTimeout();
        var snapshot = await reopened.GetSnapshotAsync(id, int.MaxValue).DefaultTimeout();
        var tail = await reopened.GetOperationsAsync(id, snapshot!.Revision, int.MaxValue, int.MaxValue).DefaultTimeout();
        var opened = new TextDocument(snapshot.Text);
        foreach (var operation in tail)
        {
            opened.Apply(operation.Operation);
        }

        var coldOpen = clock.Elapsed;
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Fixture.GetType().Name}: {total:N0} operations in batches of {ScaleBatch} written and maintained in {written.TotalSeconds:F1} s (commits {committing.Elapsed.TotalSeconds:F1} s, maintenance {maintaining.Elapsed.TotalSeconds:F1} s); " +
            $"database {size / 1048576.0:F1} MiB at the end, at most {largest / 1048576.0:F1} MiB; rows: {operationRows:N0} operations, {snapshotRows} snapshots, {submissionRows:N0} submission records; " +
            $"cold open {coldOpen.TotalMilliseconds:F0} ms replaying {tail.Count} operations; load average {File.ReadAllText("/proc/loadavg").Trim()}"));

        Assert.Equal(total, head!.Revision);
        Assert.Equal(text.ToString(), opened.ToString());
        Assert.InRange(tail.Count, 0, ScaleInterval);
        Assert.InRange(operationRows, Math.Min(total, ScaleRetention), ScaleRetention + ScaleInterval + ScaleBatch);
        Assert.InRange(snapshotRows, 1, 2 + 5 + 2);
        Assert.InRange(submissionRows, 0, ScaleRetention + ScaleBatch + ScaleClients);

        // Bounded: the database holds about 10⁴ operations whatever the count written.
        Assert.InRange(largest, 0, Fixture.ScaleSizeBound);
    }
}
