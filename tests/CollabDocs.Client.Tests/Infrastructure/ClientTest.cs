namespace CollabDocs.Client.Tests.Infrastructure;

/// <summary>
/// Base of the client tests: a server on a SQLite file in the test's own folder, and every client the test
/// made, disposed after the test.
/// </summary>
public abstract class ClientTest(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<CollabDocsClient> _clients = [];
    private readonly List<TestHost> _servers = [];

    protected ITestOutputHelper Output { get; } = output;

    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("collabdocs-client-tests-").FullName;

    protected TestHost Server { get; private set; } = null!;

    /// <summary>Settings the server starts with.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public Task InitializeAsync()
    {
        Server = StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().DefaultTimeout();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync().DefaultTimeout();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }

    /// <summary>A new client on its own <see cref="TestConnection"/>, disposed with the test.</summary>
    protected (CollabDocsClient Client, TestConnection Network) NewClient(Action<CollabDocsClientOptions>? configure = null)
    {
        var network = new TestConnection(() => Server);
        var client = new CollabDocsClient(network.Options(configure));
        _clients.Add(client);
        return (client, network);
    }

    /// <summary>Creates a document through the HTTP API; returns its id.</summary>
    protected async Task<string> CreateDocumentAsync(string text)
    {
        var created = await Server.Api.CreateAsync(text: text).DefaultTimeout();
        return created.Id;
    }

    /// <summary>The document's revision and text as the server has them now.</summary>
    protected async Task<(int Revision, string Text)> GetDocumentAsync(string id)
    {
        var document = await Server.Api.GetAsync(id).DefaultTimeout();
        return (document.Revision, document.Text);
    }

    /// <summary>The (clientId, seq) of every committed operation after <paramref name="from"/> (the log may be compacted below), in revision order.</summary>
    protected async Task<List<(string ClientId, int Seq)>> GetLogAsync(string id, int from = 0)
    {
        var log = await Server.Api.GetLogAsync(id, from).DefaultTimeout();
        return log.Select(e => (e.ClientId, e.Seq)).ToList();
    }

    /// <summary>Stops the server and starts it again on the same database.</summary>
    protected async Task RestartServerAsync()
    {
        await Server.DisposeAsync().DefaultTimeout();
        Server = StartServer();
    }

    private TestHost StartServer()
    {
        var server = TestHost.Anonymous(DataDirectory, Settings);
        _servers.Add(server);
        _ = server.Server; // Start now: a broken start fails here, not in the middle of the test.
        return server;
    }
}
