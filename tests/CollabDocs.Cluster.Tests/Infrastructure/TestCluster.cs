using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace CollabDocs.Cluster.Tests.Infrastructure;

/// <summary>
/// Two (or three) server nodes on the loopback ports nginx forwards to, sharing a fresh PostgreSQL database and
/// the test Redis (SignalR under a channel prefix, Orleans under a cluster id of their own), in anonymous mode.
/// Disposing kills the nodes, prints the end of their logs into the test output and drops the database.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _database;
    private readonly string _dataFolder;
    private readonly Dictionary<string, string> _environment;
    private string? _contentRoot;

    private TestCluster(ITestOutputHelper output, string database, string dataFolder, Dictionary<string, string> environment)
    {
        _output = output;
        _database = database;
        _dataFolder = dataFolder;
        _environment = environment;
    }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public List<ServerProcess> Nodes { get; } = [];

    public string NginxUrl { get; } = ClusterEnvironment.Nginx;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(ClusterEnvironment.Postgres) { Database = _database }.ToString();

    /// <summary>
    /// Starts <paramref name="nodes"/> nodes (anonymous access unless <paramref name="settings"/>, added to every
    /// node's environment, say otherwise); with <paramref name="serveDemo"/> they also serve the demo.
    /// </summary>
    public static async Task<TestCluster> StartAsync(ITestOutputHelper output, int nodes = 2, IReadOnlyDictionary<string, string>? settings = null, bool serveDemo = false)
    {
        string suffix = Guid.NewGuid().ToString("N")[..12];
        string database = "collabdocs_cluster_" + suffix;
        await ExecuteAsync(ClusterEnvironment.Postgres, $"CREATE DATABASE \"{database}\"").DefaultTimeout();
        string dataFolder = Path.Combine(Path.GetTempPath(), "collabdocs-cluster-" + suffix);
        Directory.CreateDirectory(dataFolder);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["CollabDocs__Auth__Mode"] = "Anonymous",
            ["CollabDocs__Storage__Provider"] = "PostgreSql",
            ["CollabDocs__Storage__ConnectionString"] = new NpgsqlConnectionStringBuilder(ClusterEnvironment.Postgres) { Database = database }.ToString(),
            ["CollabDocs__Storage__DataDirectory"] = dataFolder,
            ["CollabDocs__Redis__ConnectionString"] = ClusterEnvironment.Redis,
            ["CollabDocs__Redis__ChannelPrefix"] = "cdtest-" + suffix,
            ["CollabDocs__Cluster__ClusterId"] = "cdtest-" + suffix,
            ["CollabDocs__Cluster__AdvertisedAddress"] = "127.0.0.1",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__CollabDocs"] = "Information",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var cluster = new TestCluster(output, database, dataFolder, environment) { _contentRoot = serveDemo ? ServerProcess.ServerProjectFolder : null };
        try
        {
            // The first applies the migrations; then the others join its cluster.
            string[] urls = ClusterEnvironment.NodeUrls;
            Assert.True(nodes <= urls.Length, $"{nodes} nodes asked for, {urls.Length} URLs configured");
            for (int i = 0; i < nodes; i++)
            {
                cluster.Nodes.Add(cluster.StartNode(i));
                if (i == 0)
                {
                    await cluster.Nodes[0].WaitReadyAsync(cluster.Http, TimeSpan.FromSeconds(180));
                }
            }

            await Task.WhenAll(cluster.Nodes.Skip(1).Select(n => n.WaitReadyAsync(cluster.Http, TimeSpan.FromSeconds(180))));

            await Wait.UntilAsync(
                // Any answer from a node will do (401 when the nodes require a token); nginx itself answers 502 meanwhile.
                async () => (await cluster.Http.GetAsync(new Uri(cluster.NginxUrl + "/api/documents"))).StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized,
                TimeSpan.FromSeconds(20),
                "nginx reaches the nodes");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a document through nginx, as a client would.</summary>
    public async Task<string> CreateDocumentAsync(string text)
    {
        string id = "doc-" + Guid.NewGuid().ToString("N")[..12];
        using var response = await Http.PostAsJsonAsync(new Uri(NginxUrl + "/api/documents"), new { id, text }).DefaultTimeout();
        Assert.True(response.IsSuccessStatusCode, $"Creating {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return id;
    }

    /// <summary>The <c>status</c> of a node's <c>/health/ready</c> (Healthy, Degraded, Unhealthy).</summary>
    public async Task<string> ReadinessAsync(ServerProcess node)
    {
        using var response = await Http.GetAsync(new Uri(node.Url + "/health/ready")).DefaultTimeout();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("status").GetString()!;
    }

    /// <summary>
    /// A node's <c>/metrics</c>: the sum of every series of each <c>collabdocs_…</c> metric, or of those series
    /// whose labels contain <paramref name="label"/> (e.g. <c>outcome="error"</c>).
    /// </summary>
    public async Task<Dictionary<string, double>> MetricsAsync(ServerProcess node, string? label = null)
    {
        string text = await Http.GetStringAsync(new Uri(node.Url + "/metrics")).DefaultTimeout();
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
        {
            if (!(line.StartsWith("collabdocs_", StringComparison.Ordinal) || line.StartsWith("signalr_server_", StringComparison.Ordinal)) || (label is not null && !line.Contains(label, StringComparison.Ordinal)))
            {
                continue;
            }

            int nameEnd = line.IndexOfAny(['{', ' ']);
            int valueStart = line.LastIndexOf('}') is int brace and >= 0 ? line.IndexOf(' ', brace) : line.IndexOf(' ', StringComparison.Ordinal);
            string valueText = line[(valueStart + 1)..].Trim().Split(' ')[0];
            if (double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                string name = line[..nameEnd];
                metrics[name] = metrics.GetValueOrDefault(name) + value;
            }
        }

        return metrics;
    }

    /// <summary>The document's latest revision in PostgreSQL (0 before the first operation).</summary>
    public async Task<int> HeadAsync(string documentId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync().DefaultTimeout();
        await using var command = new NpgsqlCommand("""SELECT COALESCE(MAX("Revision"), 0) FROM "Operations" WHERE "DocumentId" = @id""", connection);
        command.Parameters.AddWithValue("id", documentId);
        return Convert.ToInt32(await command.ExecuteScalarAsync().DefaultTimeout(), CultureInfo.InvariantCulture);
    }

    /// <summary>The document's operation log as PostgreSQL has it, in revision order.</summary>
    public async Task<List<StoredRow>> ReadLogAsync(string documentId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync().DefaultTimeout();
        await using var command = new NpgsqlCommand("""SELECT "Revision", "ClientId", "Seq", "Operation" FROM "Operations" WHERE "DocumentId" = @id ORDER BY "Revision" """, connection);
        command.Parameters.AddWithValue("id", documentId);
        var rows = new List<StoredRow>();
        await using var reader = await command.ExecuteReaderAsync().DefaultTimeout();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRow(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
            _output.WriteLine($"===== {node.Name} ({node.Url}), last lines =====");
            _output.WriteLine(node.RecentLog(80));
        }

        Http.Dispose();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(ClusterEnvironment.Postgres, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)").DefaultTimeout();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Stops the node at <paramref name="index"/> as an orchestrator would (SIGTERM, then waits for it to exit) and
    /// starts it again with the same configuration; returns when it is ready.
    /// </summary>
    public async Task<ServerProcess> RestartNodeAsync(int index)
    {
        await Nodes[index].StopAsync(TimeSpan.FromSeconds(45));
        await Nodes[index].DisposeAsync();
        var node = StartNode(index);
        Nodes[index] = node;
        await node.WaitReadyAsync(Http, TimeSpan.FromSeconds(180));
        return node;
    }

    /// <summary>
    /// The node whose silo owns the document: the one whose <c>collabdocs_documents_open</c> counts it. Call when
    /// the document is the only one open in the cluster.
    /// </summary>
    public async Task<ServerProcess> OwnerAsync()
    {
        var open = await Task.WhenAll(Nodes.Where(n => !n.HasExited).Select(async n => (Node: n, Open: (await MetricsAsync(n)).GetValueOrDefault("collabdocs_documents_open"))));
        return Assert.Single(open, o => o.Open > 0).Node;
    }

    private ServerProcess StartNode(int index)
    {
        // The previous test's node on these ports may still be exiting: Orleans' silo listener binds without
        // SO_REUSEADDR and would die with "Address already in use".
        WaitUntilFree(ClusterEnvironment.SiloPorts[index], new Uri(ClusterEnvironment.NodeUrls[index]).Port);
        var environment = new Dictionary<string, string>(_environment)
        {
            ["CollabDocs__Cluster__SiloPort"] = ClusterEnvironment.SiloPorts[index].ToString(CultureInfo.InvariantCulture),
        };
        return ServerProcess.Start("node" + (index + 1), ClusterEnvironment.NodeUrls[index], environment, _contentRoot);
    }

    /// <summary>Waits (at most 60 s) until each port can be bound on the loopback the way the silo binds it.</summary>
    private static void WaitUntilFree(params int[] ports)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (int port in ports)
        {
            while (true)
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(100);
                }
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A row of the Operations table.</summary>
internal sealed record StoredRow(int Revision, string ClientId, int Seq, string Operation);
