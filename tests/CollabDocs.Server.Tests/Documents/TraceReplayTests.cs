using System.Diagnostics;
using CollabDocs.Client;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using CollabDocs.Testing;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>Real typing (josephg/editing-traces) replayed through the hub by ot.js clients.</summary>
public sealed class TraceReplayTests(ITestOutputHelper output) : ServerTest(output)
{
    private const string TraceName = "sveltecomponent";

    [Fact]
    public async Task SequentialTrace_ReplayedByOneClient_EndsAtItsEndContent()
    {
        var trace = EditingTrace.Load(TraceName);
        string id = await CreateDocumentAsync(trace.StartContent).DefaultTimeout();
        await using var editors = new TestDocumentClients();
        var client = await editors.OpenAsync(Server, id).DefaultTimeout();
        var watch = Stopwatch.StartNew();

        // One operation in flight; what is typed meanwhile is composed into the buffer (ot.js).
        int typedSinceWait = 0;
        foreach (var operation in trace.ToOperations())
        {
            client.Submit(operation);
            if (++typedSinceWait >= 4 && client.State == SyncState.AwaitingWithBuffer)
            {
                await client.WhenSynchronizedAsync().DefaultTimeout();
                typedSinceWait = 0;
            }
        }

        await client.WhenSynchronizedAsync().DefaultTimeout();
        Output.WriteLine($"{trace}: {client.LastSeq} submits in {watch.ElapsedMilliseconds} ms");

        Assert.Equal(trace.EndContent, client.Text);
        var (revision, text) = await GetDocumentAsync(id).DefaultTimeout();
        Assert.Equal((client.LastSeq, trace.EndContent), (revision, text));
        Assert.Equal(revision, client.Revision);
    }

    [Fact]
    public async Task SequentialTrace_SplitAmongFourConcurrentClients_Converges()
    {
        const int clientCount = 4;
        var trace = EditingTrace.Load(TraceName);
        string id = await CreateDocumentAsync(trace.StartContent).DefaultTimeout();
        await using var editors = new TestDocumentClients();
        var clients = new CollabDocument[clientCount];
        for (int i = 0; i < clientCount; i++)
        {
            clients[i] = await editors.OpenAsync(Server, id).DefaultTimeout();
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            // Client i types patches i, i+4, …, each clamped to the text it has locally.
            int typedSinceWait = 0;
            for (int p = i; p < trace.Patches.Count; p += clientCount)
            {
                var patch = trace.Patches[p];
                client.Edit(text =>
                {
                    int position = Math.Min(patch.Position, text.Length);
                    int delete = Math.Min(patch.DeleteCount, text.Length - position);
                    return TextOperation.Splice(text.Length, position, delete, patch.Insert);
                });
                if (++typedSinceWait >= 4 && client.State == SyncState.AwaitingWithBuffer)
                {
                    await client.WhenSynchronizedAsync().DefaultTimeout();
                    typedSinceWait = 0;
                }
            }

            await client.WhenSynchronizedAsync().DefaultTimeout();
        }))).DefaultTimeout(TimeSpan.FromSeconds(90));

        var (revision, text) = await GetDocumentAsync(id).DefaultTimeout();
        Output.WriteLine($"{trace} in {clientCount} clients: {revision} revisions in {watch.ElapsedMilliseconds} ms; final length {text.Length}");
        Assert.Equal(clients.Sum(c => c.LastSeq), revision);
        foreach (var client in clients)
        {
            await client.CatchUpAsync().DefaultTimeout();
            Assert.Equal(revision, client.Revision);
            Assert.Equal(text, client.Text);
        }
    }
}
