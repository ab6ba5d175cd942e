using System.Collections.Concurrent;
using CollabDocs.Storage.Sqlite;

namespace CollabDocs.Storage;

/// <summary>
/// Lets this process's writers to one SQLite database take turns, first come first served. SQLite allows one
/// writer at a time, and a writer that finds the lock taken sleeps in SQLite's busy handler (1, 2, 5, 10, 15 ms …
/// between tries), so a small commit queued behind a large one woke up to 18 ms after the lock was free. A turn
/// here starts the moment the previous writer is done and blocks no thread. Writers in other processes still
/// meet the busy handler; one that waits longer than <see cref="Patience"/> here goes on to it too, so the gate
/// never makes a wait longer than it was. Each turn that ends schedules the log's checkpoint
/// (<see cref="WalCheckpointer"/>), which SQLite would otherwise run inside a commit. PostgreSQL locks rows, not the
/// database: it uses <see cref="None"/>.
/// </summary>
internal sealed class WriteGate
{
    /// <summary>The wait after which a writer stops queueing here and tries the database (SQLite's busy timeout).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>No gate: every writer goes straight to the database.</summary>
    public static readonly WriteGate None = new(null, null);

    private static readonly ConcurrentDictionary<string, WriteGate> Databases = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim? _turn;
    private readonly WalCheckpointer? _checkpointer;

    private WriteGate(SemaphoreSlim? turn, WalCheckpointer? checkpointer)
    {
        _turn = turn;
        _checkpointer = checkpointer;
    }

    /// <summary>The one gate of the database behind <paramref name="connectionString"/> in this process.</summary>
    public static WriteGate ForDatabase(string connectionString) =>
        Databases.GetOrAdd(connectionString, static key => Create(key));

    private static WriteGate Create(string connectionString)
    {
        var turn = new SemaphoreSlim(1, 1);
        return new WriteGate(turn, WalCheckpointer.For(connectionString, turn));
    }

    /// <summary>Waits for this writer's turn; disposing the result ends it.</summary>
    public ValueTask<Turn> EnterAsync(CancellationToken cancellationToken) => EnterAsync(0, cancellationToken);

    /// <summary>Waits for the turn of a writer about to write about <paramref name="bytes"/> of text; disposing the result ends it.</summary>
    public async ValueTask<Turn> EnterAsync(long bytes, CancellationToken cancellationToken)
    {
        if (_turn is null)
        {
            return default;
        }

        bool held = await _turn.WaitAsync(Patience, cancellationToken).ConfigureAwait(false);
        return new Turn(this, held, bytes);
    }

    /// <summary>A writer's turn (none when there is no gate; not held when the wait ran out of patience).</summary>
    public readonly struct Turn : IDisposable
    {
        private readonly WriteGate? _gate;
        private readonly bool _held;
        private readonly long _bytes;

        internal Turn(WriteGate gate, bool held, long bytes)
        {
            _gate = gate;
            _held = held;
            _bytes = bytes;
        }

        public void Dispose()
        {
            if (_gate is null)
            {
                return;
            }

            if (_held)
            {
                _gate._turn!.Release();
            }

            _gate._checkpointer?.Written(_bytes);
        }
    }
}
