using CollabDocs.Ot;
using CollabDocs.Storage.Tests.Infrastructure;

namespace CollabDocs.Storage.Tests;

public abstract partial class DocumentStoreSpecification<TFixture>
{
    /// <summary>
    /// Two writers with their own connection pools (two nodes) append to one document as fast as they can,
    /// each reading the head and committing on it, retrying on conflict. The store must keep one linear
    /// history: revisions 1…N without gaps, every (client, seq) once, and each operation fitting the text
    /// left by the one before it (a fork would break the chain of lengths).
    /// </summary>
    [StoreFact]
    public async Task ConcurrentCommitters_NeverForkTheHistory()
    {
        const int PerWriter = 40;
        string id = NewId();
        await Store.CreateAsync(id, "", "ada").DefaultTimeout();
        var stores = new[] { Store, Fixture.OpenAnotherStore() };
        int conflicts = 0;

        async Task WriteAsync(IDocumentStore store, string clientId)
        {
            for (int seq = 1; seq <= PerWriter; seq++)
            {
                while (true)
                {
                    var head = await store.GetAsync(id).DefaultTimeout();
                    var operation = TextOperation.Splice(head!.Length, head.Length, 0, clientId[..1]);
                    var outcome = await store.CommitAsync(new CommitBatch(id, head.Revision, [New(operation, clientId, seq)], operation.TargetLength, null)).DefaultTimeout();
                    if (outcome == CommitOutcome.Committed)
                    {
                        break;
                    }

                    Assert.Equal(CommitOutcome.Conflict, outcome);
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(stores[0], "a-writer")), Task.Run(() => WriteAsync(stores[1], "b-writer"))).WaitAsync(TimeSpan.FromSeconds(120));

        var operations = await Store.GetOperationsAsync(id, 0, int.MaxValue, 1000).DefaultTimeout();
        Assert.Equal(Enumerable.Range(1, 2 * PerWriter), operations.Select(o => o.Revision));
        Assert.Equal(2 * PerWriter, operations.Select(o => (o.ClientId, o.Seq)).Distinct().Count());
        string text = string.Empty;
        foreach (var operation in operations)
        {
            text = operation.Operation.Apply(text);
        }

        var final = await Store.GetAsync(id).DefaultTimeout();
        Assert.Equal((2 * PerWriter, text.Length), (final!.Revision, final.Length));
        Assert.Equal(PerWriter, text.Count(c => c == 'a'));
        Assert.Equal(PerWriter, text.Count(c => c == 'b'));
        Console.WriteLine($"{GetType().Name}: {conflicts} commit conflicts among {2 * PerWriter} commits");
    }
}
