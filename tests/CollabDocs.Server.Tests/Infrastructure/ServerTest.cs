using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// Base of the server tests: a server on a SQLite file of the test's own, started before the test and
/// disposed after it with every client the test opened. On the way out the server's warnings and errors
/// go to the test output, so a failure shows what the server logged.
/// </summary>
public abstract class ServerTest(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<TestHost> _servers = [];
    private readonly List<TestHubClient> _clients = [];

    protected ITestOutputHelper Output { get; } = output;

    protected TestDataDirectory Data { get; } = new();

    /// <summary>The server started for the test (replaced by <see cref="RestartAsync"/>).</summary>
    protected TestHost Server { get; private set; } = null!;

    /// <summary>Settings every server of the test class starts with.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    internal DocumentsApi Api => Server.Api;

    public virtual Task InitializeAsync()
    {
        Server = StartServer();
        _ = Server.Server; // Start now: a broken start fails here, not in the middle of the test.
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().DefaultTimeout();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync().DefaultTimeout();
            foreach (var entry in server.Logs.Entries)
            {
                Output.WriteLine("server: " + entry);
            }
        }

        Data.Dispose();
    }

    /// <summary>Another server on the test's SQLite file: a second node, or the first one restarted.</summary>
    protected TestHost StartServer(Action<IServiceCollection>? configureServices = null)
    {
        var server = TestHost.Anonymous(Data.Path, Settings, services =>
        {
            ConfigureServices(services);
            configureServices?.Invoke(services);
        });
        _servers.Add(server);
        return server;
    }

    /// <summary>Test services for every server of the test class (after the server's own registrations).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Stops <see cref="Server"/> (clients are disconnected) and starts a new one on the same file.</summary>
    protected async Task RestartAsync()
    {
        await Server.DisposeAsync().DefaultTimeout();
        Server = StartServer();
        _ = Server.Server;
    }

    /// <summary>A hub connection (JSON, or MessagePack), disposed with the test.</summary>
    protected async Task<TestHubClient> ConnectAsync(TestHost? server = null, string? clientId = null, bool messagePack = false)
    {
        var client = await (server ?? Server).ConnectAsync(new TestHubOptions { ClientId = clientId, MessagePack = messagePack }).DefaultTimeout();
        _clients.Add(client);
        return client;
    }

    /// <summary>Creates a document through the API; returns its id.</summary>
    protected async Task<string> CreateDocumentAsync(string text = "", string? id = null)
    {
        var created = await Api.CreateAsync(id, text).DefaultTimeout();
        return created.Id;
    }

    /// <summary>The document's text and revision as the server has them now.</summary>
    protected async Task<(int Revision, string Text)> GetDocumentAsync(string id, TestHost? server = null)
    {
        var document = await (server ?? Server).Api.GetAsync(id).DefaultTimeout();
        return (document.Revision, document.Text);
    }
}
