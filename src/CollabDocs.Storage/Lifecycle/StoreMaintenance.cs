using System.Data.Common;
using CollabDocs.Ot;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CollabDocs.Storage.Lifecycle;

/// <summary>
/// <see cref="IStoreMaintenance"/> on EF Core. The snapshot, with its authorship, is rebuilt from the latest one and
/// the log (never from a writer's memory, so any node can do it) and inserted on its own; the deletes then run in one
/// transaction. Passes for one document never overlap on this node (<see cref="MaintenanceQueue"/>); two nodes
/// may overlap harmlessly (the snapshot insert ignores a duplicate, the deletes are idempotent).
/// </summary>
internal sealed class StoreMaintenance<TContext> : IStoreMaintenance, IAsyncDisposable
    where TContext : CollabDocsDbContext
{
    private const int ReplayPage = 1000;

    // About 15 MB at most: two documents the size of a typed 100,000-character paper (every keystroke its own run).
    private const long CarryBudget = 256 * 1024;

    // A busy document's pass comes every SnapshotInterval operations: seconds apart while people type.
    private static readonly TimeSpan CarryIdle = TimeSpan.FromMinutes(1);

    private readonly IDbContextFactory<TContext> _contextFactory;
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MaintenanceQueue _queue;
    private readonly SnapshotCarry _carry;

    public StoreMaintenance(IDbContextFactory<TContext> contextFactory, IOptions<StorageOptions> options, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        _contextFactory = contextFactory;
        _options = options.Value;
        _time = time;
        _carry = new SnapshotCarry(CarryBudget, time, CarryIdle);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("CollabDocs.Storage.Maintenance");
        _queue = new MaintenanceQueue(this, _logger);
    }

    /// <summary>Called after every commit: schedules a background pass when the commit crossed a snapshot boundary.</summary>
    public void Committed(CommitBatch batch)
    {
        int interval = _options.SnapshotInterval;
        int head = batch.ExpectedRevision + batch.Operations.Count;
        if (_options.BackgroundMaintenance && head / interval > batch.ExpectedRevision / interval)
        {
            _queue.Schedule(batch.DocumentId);
        }
    }

    public async Task<MaintenanceResult?> MaintainAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        int? head = await context.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(d => (int?)d.Revision)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var snapshots = await context.Snapshots.AsNoTracking().Where(s => s.DocumentId == documentId).OrderBy(s => s.Revision)
            .Select(s => new SnapshotStamp(s.Revision, s.Timestamp)).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (head is not int revision || snapshots.Count == 0)
        {
            return null;
        }

        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        int? written = null;
        if (revision - snapshots[^1].Revision >= _options.SnapshotInterval)
        {
            // At the interval's multiples, as if each had been taken on time (only the newest few: older ones would be pruned at once).
            int interval = _options.SnapshotInterval;
            var targets = new List<int>();
            for (int at = revision / interval * interval; at > snapshots[^1].Revision && targets.Count < _options.SnapshotsKept; at -= interval)
            {
                targets.Insert(0, at);
            }

            foreach (int at in await WriteSnapshotsAsync(context, documentId, snapshots[^1], targets, now, cancellationToken).ConfigureAwait(false))
            {
                snapshots.Add(new SnapshotStamp(at, now));
                written = at;
            }
        }

        int floor = LogRetention.Floor(snapshots, revision, now, _options);
        int limit = revision - _options.RetainRevisions;
        if (_options.RetainRevisions > 0 && _options.RetainAge == TimeSpan.Zero && limit - floor >= _options.SnapshotInterval)
        {
            // No kept snapshot close below the limit (passes came late or few): write one there, so the log holds no more than the window.
            // The floor is always one of the snapshots (LogRetention.Floor).
            if (await WriteSnapshotsAsync(context, documentId, snapshots.Find(s => s.Revision == floor), [limit], now, cancellationToken).ConfigureAwait(false) is [int at])
            {
                snapshots.Add(new SnapshotStamp(at, now));
                snapshots.Sort((a, b) => a.Revision.CompareTo(b.Revision));
                floor = at;
            }
        }
        var doomed = SnapshotRetention.ToDelete(snapshots.ConvertAll(s => s.Revision), revision, floor, _options);
        int submissionFloor = Math.Max(floor, revision - _options.RetainSubmissionRevisions);

        // Plain SQL, not ExecuteDelete: EF Core compiles a LINQ delete at its first use, which took 47-57 ms inside the
        // turn below while every writer of the database waited.
        using var turn = await context.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int snapshotsDeleted = 0;
        foreach (int doomedRevision in doomed)
        {
            snapshotsDeleted += await context.Database.ExecuteSqlAsync(
                $"""DELETE FROM "Snapshots" WHERE "DocumentId" = {documentId} AND "Revision" = {doomedRevision}""",
                cancellationToken).ConfigureAwait(false);
        }

        int operationsDeleted = await context.Database.ExecuteSqlAsync(
            $"""DELETE FROM "Operations" WHERE "DocumentId" = {documentId} AND "Revision" <= {floor}""",
            cancellationToken).ConfigureAwait(false);

        // Each client's highest seq stays: a resend at or below it must never apply again.
        int submissionsDeleted = submissionFloor <= 0 ? 0 : await context.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM "Submissions" WHERE "DocumentId" = {documentId} AND "Revision" <= {submissionFloor}
              AND "Seq" < (SELECT MAX(x."Seq") FROM "Submissions" AS x WHERE x."DocumentId" = {documentId} AND x."ClientId" = "Submissions"."ClientId")
            """,
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        var result = new MaintenanceResult(revision, written, snapshotsDeleted, floor, operationsDeleted, submissionsDeleted);
        StorageLog.Maintained(_logger, documentId, revision, written ?? -1, snapshotsDeleted, floor, operationsDeleted, submissionsDeleted);
        return result;
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    /// <summary>
    /// The texts at <paramref name="targets"/> (ascending, above <paramref name="from"/>) with their authorship, from the
    /// snapshot at <paramref name="from"/> (kept in memory if this node wrote it, else read) and the log, inserted;
    /// returns the revisions written.
    /// </summary>
    private async Task<List<int>> WriteSnapshotsAsync(TContext context, string documentId, SnapshotStamp from, List<int> targets, long now, CancellationToken cancellationToken)
    {
        var written = new List<int>();
        var origin = targets.Count == 0 ? null
            : _carry.Take(documentId, from) ?? await SnapshotOrigin.FindAsync(context, documentId, from.Revision, cancellationToken).ConfigureAwait(false);
        if (origin is null)
        {
            return written; // Pruned by another pass meanwhile: the next one writes it.
        }

        var text = new TextDocument(origin.Text);
        var authorship = origin.Authorship;
        int at = origin.Revision;
        foreach (int target in targets)
        {
            while (at < target)
            {
                int end = target;
                var page = await context.Operations.AsNoTracking()
                    .Where(o => o.DocumentId == documentId && o.Revision > at && o.Revision <= end)
                    .OrderBy(o => o.Revision).Take(ReplayPage).Select(o => new { o.Revision, o.Operation, o.UserId, o.Timestamp })
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                if (page.Count == 0 || page[0].Revision != at + 1)
                {
                    return written; // Compacted by another pass meanwhile.
                }

                foreach (var row in page)
                {
                    var operation = TextOperation.Parse(row.Operation);
                    text.Apply(operation);
                    authorship?.Apply(operation, row.UserId, row.Revision, row.Timestamp);
                    at = row.Revision;
                }
            }

            try
            {
                string snapshot = text.ToString();
                byte[]? bytes = authorship?.ToBytes();
                FormattableString insert = bytes is null
                    ? (FormattableString)$"""INSERT INTO "Snapshots" ("DocumentId", "Revision", "Text", "Timestamp") VALUES ({documentId}, {at}, {snapshot}, {now}) ON CONFLICT DO NOTHING"""
                    : $"""INSERT INTO "Snapshots" ("DocumentId", "Revision", "Text", "Timestamp", "Authorship") VALUES ({documentId}, {at}, {snapshot}, {now}, {bytes}) ON CONFLICT DO NOTHING""";
                int inserted;
                using (await context.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
                {
                    inserted = await context.Database.ExecuteSqlAsync(insert, cancellationToken).ConfigureAwait(false);
                }

                written.Add(at);
                if (inserted == 1 && authorship is not null && target == targets[^1])
                {
                    _carry.Keep(documentId, new SnapshotStamp(at, now), new SnapshotOrigin(at, snapshot, authorship));
                }
            }
            catch (DbException ex) when (context.IsConstraintViolation(ex))
            {
                return written; // The document was deleted meanwhile.
            }
        }

        return written;
    }
}
