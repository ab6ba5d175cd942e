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
    /// docs/protocol.md: a submit fails with <c>unavailable</c> "also while the server shuts down", and a graceful stop
    /// closes each connection with SignalR's close message; docs/cluster.md: the nodes log "JSON logs, one object per
    /// line" with <c>Logging__Console__FormatterName=json</c>. SIGTERM (a graceful stop, as an orchestrator does it)
    /// while writers submit: every call ends acknowledged or refused with <c>unavailable</c> (which the client resends
    /// with the same seq), each client then sees the server's close (not a transport error), every acknowledged
    /// operation is kept exactly once and nothing else is, and every line the server wrote is one JSON object.
    /// </summary>
    [Fact]
    [Trait("Promise", "protocol.graceful-stop-drains")]
    public async Task GracefulStop_WhileWritersSubmit_EachCallIsAcknowledgedOrUnavailable_ClientsSeeACleanClose_AcknowledgedOnesAreKeptOnce_LogsAreJsonLines()
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

        output.WriteLine(string.Join('\n', log.Split('\n').Where(line => line.Contains("GracefulHubStop", StringComparison.Ordinal) || line.Contains("Lifetime", StringComparison.Ordinal))));
        foreach (var writer in writers)
        {
            output.WriteLine($"writer {writer.Letter} ended with {writer.Ended?.GetType().Name}: {writer.Ended?.Message}; reconnecting {writer.Reconnecting}; closed with {writer.ClosedWith?.GetType().Name}: {writer.ClosedWith?.Message}");
            var refused = Assert.IsType<Microsoft.AspNetCore.SignalR.HubException>(writer.Ended);
            Assert.Equal(ErrorCodes.Unavailable, HubErrorCode.Of(refused.Message));
            Assert.True(writer.ClosedByServer, $"writer {writer.Letter}'s connection was not closed by the server");
            Assert.True(writer.Reconnecting, $"writer {writer.Letter}'s close did not allow reconnecting");
            Assert.Null(writer.ClosedWith);
        }

        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        int drained = 0;
        foreach (string line in lines)
        {
            using var entry = System.Text.Json.JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("Category", out var category), $"a log line without a category: {line}");
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), $"a log line without a level: {line}");
            drained += category.GetString() == "CollabDocs.Server.Hubs.GracefulHubStop" && line.Contains($"closed {Writers} connection(s)", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.Equal(1, drained);
        await VerifyAfterRestartAsync(url, environment, http, api, id, writers, "graceful", inFlightMayBeKept: false);
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

    /// <summary>
    /// Restarts on the same data: every acknowledged operation once at its revision, and at most one more per writer
    /// (its call in flight when the server died) when <paramref name="inFlightMayBeKept"/>, none otherwise.
    /// </summary>
    private async Task VerifyAfterRestartAsync(string url, Dictionary<string, string> environment, HttpClient http, DocumentsApi api, string id, Writer[] writers, string label, bool inFlightMayBeKept = true)
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
            Assert.InRange(mine.Count, writer.Acks.Count, writer.Acks.Count + (inFlightMayBeKept ? 1 : 0));
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

        /// <summary>True when the connection closed while this writer still held it (the server closed it).</summary>
        public bool ClosedByServer { get; private set; }

        /// <summary>True when the client went on to reconnect (the close allowed it) rather than closing for good.</summary>
        public bool Reconnecting { get; private set; }

        /// <summary>The error the connection closed with: null for the server's close message, else the transport's error.</summary>
        public Exception? ClosedWith { get; private set; }

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
                .WithAutomaticReconnect([TimeSpan.FromMinutes(10)]) // reconnects only if the close allows it, and not during the test
                .Build();
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Only the first event counts: disposing the connection at the end raises Closed again.
            connection.Closed += error =>
            {
                if (!closed.Task.IsCompleted)
                {
                    ClosedWith = error;
                    closed.TrySetResult();
                }

                return Task.CompletedTask;
            };
            connection.Reconnecting += error =>
            {
                if (!closed.Task.IsCompleted)
                {
                    Reconnecting = true;
                    ClosedWith = error;
                    closed.TrySetResult();
                }

                return Task.CompletedTask;
            };
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

                    // Hold the connection until the server closes it (a killed server: at once), so the close seen is the server's.
                    await closed.Task.DefaultTimeout(TimeSpan.FromSeconds(60));
                    ClosedByServer = true;
                    return; // the server died or stopped under this call: after a kill its operation may or may not be committed
                }
            }
        }
    }
}
