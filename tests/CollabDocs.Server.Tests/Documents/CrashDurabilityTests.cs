using CollabDocs.Ot;
using CollabDocs.Ot.Json;
using CollabDocs.Protocol;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>
/// docs/protocol.md, Submit: the server "commits it durably, and only then returns the new revision r (the
/// acknowledgement)". A real server process on SQLite is killed with SIGKILL while writers are submitting,
/// and restarted on the same file: every acknowledged operation is there, once, at the revision it was
/// acknowledged with; nothing else but at most each writer's one operation in flight.
/// </summary>
public sealed class CrashDurabilityTests(ITestOutputHelper output)
{
    private const int Writers = 3;
    private const int AcksBeforeKill = 25;

    [Theory]
    [InlineData("Normal")] // the default: WAL, fsync at checkpoints (a process crash loses nothing)
    [InlineData("Full")] // CollabDocs:Storage:SqliteSynchronous=Full: fsync on every commit
    [Trait("Promise", "protocol.ack-after-durable-commit")]
    public async Task AcknowledgedOperations_SurviveSigkill_OfASingleSqliteNode(string synchronous)
    {
        using var data = new TestDataDirectory();
        string url = ServerProcess.FreeLoopbackUrl();
        var environment = SqliteNode(data.Path);
        environment["CollabDocs__Storage__SqliteSynchronous"] = synchronous;
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var api = new DocumentsApi(http);
        string id = "crash-" + synchronous.ToLowerInvariant();
        var writers = Enumerable.Range(0, Writers).Select(i => new Writer((char)('a' + i))).ToArray();

        await using (var first = ServerProcess.Start("first", url, environment))
        {
            try
            {
                await first.WaitReadyAsync(http, TimeSpan.FromSeconds(150)).DefaultTimeout(TimeSpan.FromSeconds(180));
                await api.CreateAsync(id, string.Empty).DefaultTimeout();

                var running = writers.Select(w => w.RunAsync(url, id)).ToArray();
                await Task.WhenAll(writers.Select(w => w.ReachedAsync(AcksBeforeKill))).DefaultTimeout(TimeSpan.FromSeconds(90));

                // Mid-edit: every writer has an operation in flight or about to be.
                await first.KillAsync().DefaultTimeout(TimeSpan.FromSeconds(40));
                await Task.WhenAll(running).DefaultTimeout(TimeSpan.FromSeconds(60));
            }
            finally
            {
                output.WriteLine(first.RecentLog(30));
            }
        }

        await VerifyAfterRestartAsync(url, environment, http, api, id, writers, synchronous);
    }

    /// <summary>
    /// docs/protocol.md: a submit fails with <c>unavailable</c> "also while the server shuts down"; docs/cluster.md:
    /// the nodes log "JSON logs, one object per line" with <c>Logging__Console__FormatterName=json</c>. SIGTERM (a
    /// graceful stop, as an orchestrator does it) while writers submit: every call ends acknowledged, refused with
    /// <c>unavailable</c> or cut with the connection (each of which the client retries with the same seq), every
    /// acknowledged operation is kept, and every line the server wrote is one JSON object.
    /// </summary>
    [Fact]
    public async Task GracefulStop_WhileWritersSubmit_EachCallIsAcknowledgedUnavailableOrCut_AcknowledgedOnesAreKept_LogsAreJsonLines()
    {
        using var data = new TestDataDirectory();
        string url = ServerProcess.FreeLoopbackUrl();
        var environment = SqliteNode(data.Path);
        environment["Logging__Console__FormatterName"] = "json";
        environment["Logging__LogLevel__Default"] = "Information";
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var api = new DocumentsApi(http);
        const string id = "graceful-stop";
        var writers = Enumerable.Range(0, Writers).Select(i => new Writer((char)('a' + i))).ToArray();

        string log;
        await using (var first = ServerProcess.Start("first", url, environment))
        {
            await first.WaitReadyAsync(http, TimeSpan.FromSeconds(150)).DefaultTimeout(TimeSpan.FromSeconds(180));
            await api.CreateAsync(id, string.Empty).DefaultTimeout();
            var running = writers.Select(w => w.RunAsync(url, id)).ToArray();
            await Task.WhenAll(writers.Select(w => w.ReachedAsync(AcksBeforeKill))).DefaultTimeout(TimeSpan.FromSeconds(90));

            await first.StopAsync(TimeSpan.FromSeconds(60)).DefaultTimeout(TimeSpan.FromSeconds(70));
            await Task.WhenAll(running).DefaultTimeout(TimeSpan.FromSeconds(60));
            log = first.RecentLog();
        }

        foreach (var writer in writers)
        {
            output.WriteLine($"writer {writer.Letter} ended with {writer.Ended?.GetType().Name}: {writer.Ended?.Message}");
            Assert.NotNull(writer.Ended);
            if (writer.Ended is Microsoft.AspNetCore.SignalR.HubException refused)
            {
                Assert.StartsWith("unavailable", refused.Message, StringComparison.Ordinal);
            }
        }

        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (string line in lines)
        {
            using var entry = System.Text.Json.JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("Category", out _), $"a log line without a category: {line}");
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), $"a log line without a level: {line}");
        }

        await VerifyAfterRestartAsync(url, environment, http, api, id, writers, "graceful");
    }

    /// <summary>The environment of a single production node on SQLite in <paramref name="dataDirectory"/>, anonymous, no rate limits.</summary>
    private static Dictionary<string, string> SqliteNode(string dataDirectory) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["CollabDocs__Auth__Mode"] = "Anonymous",
        ["CollabDocs__RateLimits__Enabled"] = "false",
        ["CollabDocs__Storage__Provider"] = "Sqlite",
        ["CollabDocs__Storage__DataDirectory"] = dataDirectory,
    };

    /// <summary>Restarts on the same data: every acknowledged operation once at its revision, at most one more per writer.</summary>
    private async Task VerifyAfterRestartAsync(string url, Dictionary<string, string> environment, HttpClient http, DocumentsApi api, string id, Writer[] writers, string label)
    {
        await using var second = ServerProcess.Start("second", url, environment);
        await second.WaitReadyAsync(http, TimeSpan.FromSeconds(150)).DefaultTimeout(TimeSpan.FromSeconds(180));
        var log = await api.GetLogAsync(id).DefaultTimeout();
        var document = await api.GetAsync(id).DefaultTimeout();

        // Gap-free, and the log replays to the text the restarted server serves.
        Assert.Equal(Enumerable.Range(1, log.Count), log.Select(o => o.Revision));
        Assert.Equal(document.Text, log.Aggregate(string.Empty, (text, o) => o.Operation.Apply(text)));
        Assert.Equal(log.Count, document.Revision);

        foreach (var writer in writers)
        {
            var mine = log.Where(o => o.ClientId == writer.ClientId).ToList();
            output.WriteLine($"{label}: writer {writer.Letter}: {writer.Acks.Count} acknowledged, {mine.Count} in the log");
            Assert.True(writer.Acks.Count >= AcksBeforeKill, $"writer {writer.Letter} had {writer.Acks.Count} acks");

            // Every acknowledged (clientId, seq) exactly once, at its acknowledged revision ...
            foreach (var (seq, revision) in writer.Acks)
            {
                var committed = Assert.Single(mine, o => o.Seq == seq);
                Assert.Equal(revision, committed.Revision);
            }

            // ... and nothing else of this writer but its one operation in flight at the kill.
            Assert.Equal(Enumerable.Range(1, mine.Count), mine.Select(o => o.Seq));
            Assert.InRange(mine.Count, writer.Acks.Count, writer.Acks.Count + 1);
            Assert.Equal(mine.Count, document.Text.Count(c => c == writer.Letter));
        }
    }

    /// <summary>A client that inserts its letter at the start of the text it last knew, one operation in flight, until the server dies.</summary>
    private sealed class Writer(char letter)
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _target = int.MaxValue;
        private int _count;

        public char Letter { get; } = letter;

        public string ClientId { get; } = "writer-" + letter + "-" + Guid.NewGuid().ToString("N")[..8];

        /// <summary>What the last call failed with when the server went away.</summary>
        public Exception? Ended { get; private set; }

        /// <summary>seq → acknowledged revision.</summary>
        public List<(int Seq, int Revision)> Acks { get; } = [];

        public Task ReachedAsync(int acks)
        {
            Volatile.Write(ref _target, acks);
            if (Volatile.Read(ref _count) >= acks)
            {
                _reached.TrySetResult();
            }

            return _reached.Task;
        }

        public async Task RunAsync(string url, string documentId)
        {
            await using var connection = new HubConnectionBuilder()
                .WithUrl(url + "/hubs/docs", options =>
                {
                    options.Transports = HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                })
                .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter()))
                .Build();
            await connection.StartAsync().DefaultTimeout();
            int revision = 0;
            for (int seq = 1; ; seq++)
            {
                // Each operation inserts one character; the text at revision r has r characters.
                var operation = TextOperation.Splice(revision, 0, 0, Letter.ToString());
                try
                {
                    var result = await connection.InvokeAsync<SubmitResult>("Submit", documentId, revision, operation, ClientId, seq).DefaultTimeout();
                    revision = result.Revision;
                    Acks.Add((seq, revision));
                    if (Interlocked.Increment(ref _count) >= Volatile.Read(ref _target))
                    {
                        _reached.TrySetResult();
                    }
                }
                catch (Exception ex) when (ex is not TimeoutException)
                {
                    Ended = ex;
                    _reached.TrySetException(ex);
                    return; // the server died under this call: its operation may or may not be committed
                }
            }
        }
    }
}
