using System.Diagnostics;
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
        var client = await OtClient.JoinAsync(await ConnectAsync().DefaultTimeout(), id).DefaultTimeout();
        var watch = Stopwatch.StartNew();

        // One operation in flight; what is typed meanwhile is composed into the buffer (ot.js).
        foreach (var operation in trace.ToOperations())
        {
            client.Edit(operation);
            client.ProcessAvailable();
            if (client.BufferedEdits >= 4)
            {
                await client.WaitForEventAsync().DefaultTimeout();
            }
        }

        await client.WaitUntilSynchronizedAsync().DefaultTimeout();
        Output.WriteLine($"{trace}: {client.Submitted} submits in {watch.ElapsedMilliseconds} ms");

        Assert.Equal(trace.EndContent, client.Text);
        var (revision, text) = await GetDocumentAsync(id).DefaultTimeout();
        Assert.Equal((client.Submitted, trace.EndContent), (revision, text));
        Assert.Equal(revision, client.Revision);
    }

    [Fact]
    public async Task SequentialTrace_SplitAmongFourConcurrentClients_Converges()
    {
        const int clientCount = 4;
        var trace = EditingTrace.Load(TraceName);
        string id = await CreateDocumentAsync(trace.StartContent).DefaultTimeout();
        var clients = new OtClient[clientCount];
        for (int i = 0; i < clientCount; i++)
        {
            clients[i] = await OtClient.JoinAsync(await ConnectAsync().DefaultTimeout(), id).DefaultTimeout();
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            // Client i types patches i, i+4, …, each clamped to the text it has locally.
            for (int p = i; p < trace.Patches.Count; p += clientCount)
            {
                var patch = trace.Patches[p];
                int position = Math.Min(patch.Position, client.Length);
                int delete = Math.Min(patch.DeleteCount, client.Length - position);
                client.Edit(TextOperation.Splice(client.Length, position, delete, patch.Insert));
                client.ProcessAvailable();
                if (client.BufferedEdits >= 4)
                {
                    await client.WaitForEventAsync().DefaultTimeout();
                }
            }

            await client.WaitUntilSynchronizedAsync().DefaultTimeout();
        }))).DefaultTimeout(TimeSpan.FromSeconds(90));

        var (revision, text) = await GetDocumentAsync(id).DefaultTimeout();
        Output.WriteLine($"{trace} in {clientCount} clients: {revision} revisions in {watch.ElapsedMilliseconds} ms; final length {text.Length}");
        Assert.Equal(clients.Sum(c => c.Submitted), revision);
        foreach (var client in clients)
        {
            await client.SyncToAsync(revision).DefaultTimeout();
            Assert.Equal(text, client.Text);
        }
    }
}
