using BenchmarkDotNet.Attributes;
using CollabDocs.Ot;
using CollabDocs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Benchmarks;

/// <summary>
/// The store's commit path alone (no hub, no network): one batch of <see cref="OperationsPerCommit"/>
/// one-character inserts appended to a SQLite document per invocation, in a fresh data folder with the
/// server's defaults (WAL, synchronous=NORMAL, no snapshot in the batch). Reports time and allocation per
/// commit; the commit is the durability point of every acknowledged edit.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: 2000)]
public class CommitBenchmarks
{
    private const string DocumentId = "bench";

    private readonly TextOperation _insert = TextOperation.CreateBuilder().Insert("x").Build();
    private string _folder = string.Empty;
    private ServiceProvider? _services;
    private IDocumentStore? _store;
    private int _revision;
    private int _seq;

    [Params(1, 10)]
    public int OperationsPerCommit { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("collabdocs-commit-bench").FullName;
        var services = new ServiceCollection();
        services.AddCollabDocsStorage(new StorageOptions { DataDirectory = _folder }, _folder);
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<IStoreMigrator>().MigrateAsync().GetAwaiter().GetResult();
        _store = _services.GetRequiredService<IDocumentStore>();
        _store.CreateAsync(DocumentId, string.Empty, "owner").GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public async Task<CommitOutcome> Commit()
    {
        var operations = new NewOperation[OperationsPerCommit];
        for (int i = 0; i < operations.Length; i++)
        {
            _seq++;
            operations[i] = new NewOperation(_insert, "client", _seq, "user", 0, _seq);
        }

        var outcome = await _store!.CommitAsync(new CommitBatch(DocumentId, _revision, operations, _revision + OperationsPerCommit, null)).ConfigureAwait(false);
        if (outcome != CommitOutcome.Committed)
        {
            throw new InvalidOperationException($"Commit at revision {_revision} returned {outcome}.");
        }

        _revision += OperationsPerCommit;
        return outcome;
    }
}
