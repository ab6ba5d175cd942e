using CollabDocs.Client.Tests.Infrastructure;

namespace CollabDocs.Client.Tests;

/// <summary>Several clients editing one document at once, over a network that drops.</summary>
public sealed class ConvergenceTests(ITestOutputHelper output) : ClientTest(output)
{
    private const int Clients = 4;
    private const int EditsPerClient = 60;

    [Fact]
    [Trait("Promise", "protocol.resend-same-seq-applies-once")]
    public async Task ConcurrentAstralEdits_WithRandomDisconnects_ConvergeOnTheServersText_EachOperationCommittedOnce()
    {
        int seed = AstralEdits.Seed(20261130);
        Output.WriteLine($"seed {seed} (set COLLABDOCS_TEST_SEED to repeat)");
        string id = await CreateDocumentAsync("Start 😀 here.\n").DefaultTimeout();
        var documents = new CollabDocument[Clients];
        var mirrors = new EditorMirror[Clients];
        var networks = new TestConnection[Clients];
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        for (int i = 0; i < Clients; i++)
        {
            var (client, network) = NewClient();
            mirrors[i] = new EditorMirror();
            documents[i] = await client.OpenAsync(id, mirrors[i].Attach).DefaultTimeout();
            networks[i] = network;
            documents[i].Error += (_, e) => errors.Enqueue($"{e.Error.Code}: {e.Error.Message}");
        }

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Task.Run(async () =>
        {
            var random = new Random(seed + i);
            for (int edit = 0; edit < EditsPerClient; edit++)
            {
                mirrors[i].Type(text => AstralEdits.Next(random, text));
                switch (random.Next(10))
                {
                    case 0:
                        networks[i].Disconnect();
                        break;
                    case 1 or 2:
                        await WhenSynchronizedAsync(documents[i]).DefaultTimeout();
                        break;
                    case 3 or 4:
                        await Task.Delay(random.Next(1, 8)).DefaultTimeout();
                        break;
                }
            }

            await WhenSynchronizedAsync(documents[i]).DefaultTimeout();
        }))).DefaultTimeout(TimeSpan.FromSeconds(90));

        var (revision, text) = await GetDocumentAsync(id).DefaultTimeout();
        var log = await GetLogAsync(id).DefaultTimeout();
        Output.WriteLine($"{revision} revisions, {networks.Sum(n => n.Connects)} connects, final length {text.Length}");
        Assert.Equal(revision, log.Count);
        Assert.Equal(documents.Sum(d => d.LastSeq), revision);
        Assert.True(networks.Sum(n => n.Connects) > Clients, "the test disconnected at least one client");
        foreach (var (document, mirror) in documents.Zip(mirrors))
        {
            // Every operation the client sent is in the log exactly once, in seq order.
            Assert.Equal(Enumerable.Range(1, document.LastSeq), log.Where(e => e.ClientId == document.ClientId).Select(e => e.Seq));
            await document.CatchUpAsync().DefaultTimeout();
            Assert.Equal(revision, document.Revision);
            Assert.Equal(text, document.Text);
            Assert.Equal(text, mirror.Text);

            // Every acknowledgement and broadcast carried a checksum; none may have looked like a divergence.
            Assert.Equal(0, document.Divergences);
        }

        Assert.All(errors, e => Assert.StartsWith("connection", e, StringComparison.Ordinal));
    }

    /// <summary>Waits for the document to synchronize; on a timeout the failure says where its state machine stands.</summary>
    private static async Task WhenSynchronizedAsync(CollabDocument document)
    {
        try
        {
            await document.WhenSynchronizedAsync().WaitAsync(TaskTimeoutExtensions.DefaultTimeoutDuration).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{document.ClientId} did not synchronize: {document.Describe()}");
        }
    }
}
