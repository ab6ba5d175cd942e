using Microsoft.Data.Sqlite;

namespace CollabDocs.Storage.Sqlite;

/// <summary>
/// Copies a SQLite database's write-ahead log back into the database file in the background, <see cref="Interval"/>
/// after writes or after <see cref="WritesPerRound"/> of them, whichever comes first. SQLite's automatic checkpoint runs inside the commit that fills the log to 1,000
/// pages, fsyncs included: every few seconds one commit took 8–30 ms longer, most often a small one right after a
/// large one. So the store's connections move it to 4,000 pages (<see cref="SqlitePragmaInterceptor"/>), a backstop
/// that only a flood of writes reaches, and this runs a PASSIVE checkpoint on a connection of its own, which never
/// waits for readers or writers. The log only starts again from
/// its beginning when a writer finds it wholly copied, which commits arriving during every checkpoint would prevent
/// for ever; so once the log holds <see cref="RestartPages"/>, a second checkpoint copies the few pages written
/// meanwhile while this process's writers wait their turn (<see cref="WriteGate"/>). The log is the durable record,
/// so a checkpoint that fails or comes late loses nothing; the next write schedules another.
/// </summary>
internal sealed class WalCheckpointer
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Writes after which a checkpoint starts without waiting for the rest of the <see cref="Interval"/>: a small commit
    /// adds a few pages to the log (each page it changes, whole), about <see cref="BytesPerWrite"/>; a large one counts
    /// as many writes as its text fills. So a flood of writes keeps the log near <see cref="RestartPages"/>, well
    /// below SQLite's backstop.
    /// </summary>
    public const int WritesPerRound = 100;

    /// <summary>What one small write adds to the log, about five 4 KiB pages.</summary>
    public const int BytesPerWrite = 20_000;

    /// <summary>SQLite's own automatic checkpoint threshold, in pages.</summary>
    public const int RestartPages = 1000;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writers;
    private int _running;
    private int _pending;
    private int _writes;
    private TaskCompletionSource? _due;

    private WalCheckpointer(string connectionString, SemaphoreSlim writers)
    {
        _connectionString = connectionString;
        _writers = writers;
    }

    /// <summary>A checkpointer for the database file behind <paramref name="connectionString"/>; none for an in-memory database.</summary>
    public static WalCheckpointer? For(string connectionString, SemaphoreSlim writers)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return null;
        }

        // Never create the file: a database deleted meanwhile (a test's) stays deleted.
        builder.Mode = SqliteOpenMode.ReadWrite;
        return new WalCheckpointer(builder.ToString(), writers);
    }

    /// <summary>A writer committed about <paramref name="bytes"/> of text: a checkpoint follows within <see cref="Interval"/>, or after <see cref="WritesPerRound"/> writes.</summary>
    public void Written(long bytes)
    {
        int writes = 1 + (int)Math.Min(bytes / BytesPerWrite, WritesPerRound);
        if (Interlocked.Add(ref _writes, writes) >= WritesPerRound)
        {
            Volatile.Read(ref _due)?.TrySetResult();
        }

        Volatile.Write(ref _pending, 1);
        StartIfIdle();
    }

    private void StartIfIdle()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            // Writes that land while a checkpoint runs are picked up by the next round.
            while (Interlocked.Exchange(ref _pending, 0) == 1)
            {
                var due = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _due, due);
                if (Interlocked.Exchange(ref _writes, 0) < WritesPerRound)
                {
                    // Cancelled when the writes come first, so that no timer is left behind each round.
                    using var interval = new CancellationTokenSource();
                    var delay = Task.Delay(Interval, interval.Token);
                    if (await Task.WhenAny(delay, due.Task).ConfigureAwait(false) != delay)
                    {
                        await interval.CancelAsync().ConfigureAwait(false);
                    }
                }

                Volatile.Write(ref _due, null);
                await CheckpointAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }

        // A write between the last check and the reset above would otherwise wait for the next one.
        if (Volatile.Read(ref _pending) == 1)
        {
            StartIfIdle();
        }
    }

    private async Task CheckpointAsync()
    {
        try
        {
            var connection = new SqliteConnection(_connectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync().ConfigureAwait(false);
                if (await PassiveAsync(connection).ConfigureAwait(false) < RestartPages)
                {
                    return;
                }

                // Nobody of this process writes now: the log is wholly copied and the next writer starts it again.
                if (await _writers.WaitAsync(WriteGate.Patience).ConfigureAwait(false))
                {
                    try
                    {
                        await PassiveAsync(connection).ConfigureAwait(false);
                    }
                    finally
                    {
                        _writers.Release();
                    }
                }
            }
        }
        catch (SqliteException)
        {
            // Busy or closed (a test's database deleted under it): the log stays the record; the next write tries again.
        }
    }

    /// <summary>Runs a PASSIVE checkpoint; returns the pages in the log.</summary>
    private static async Task<long> PassiveAsync(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                // One row: busy, pages in the log, pages copied (-1, -1 when the database is not in WAL mode).
                return await reader.ReadAsync().ConfigureAwait(false) ? reader.GetInt64(1) : 0;
            }
        }
    }
}
