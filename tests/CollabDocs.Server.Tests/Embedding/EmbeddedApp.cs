using CollabDocs.Server.Feeds;
using CollabDocs.Server.Hooks;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Tests.Embedding;

/// <summary>
/// An app of its own that embeds CollabDocs as an integrator would (docs/embedding.md): its own authentication
/// scheme (<see cref="HeaderAuthenticationHandler"/>), its own endpoint, <c>AddCollabDocs</c> and
/// <c>MapCollabDocs</c>, and the hooks: a veto (<see cref="ForbiddenWordValidator"/>), a commit listener
/// (<see cref="RecordingCommitListener"/>) and an initial text (<see cref="TemplateInitializer"/>). On the
/// in-memory test server, in the Production environment (no CollabDocs signing key configured).
/// </summary>
internal sealed class EmbeddedApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<HubConnection> _connections = [];
    private readonly List<HttpClient> _clients = [];

    private EmbeddedApp(WebApplication app, ForbiddenWordValidator validator, RecordingCommitListener listener, RecordingLoggerProvider logs)
    {
        _app = app;
        Validator = validator;
        Listener = listener;
        Logs = logs;
    }

    public ForbiddenWordValidator Validator { get; }

    public RecordingCommitListener Listener { get; }

    /// <summary>The app's warnings and errors.</summary>
    public RecordingLoggerProvider Logs { get; }

    private TestServer Server => _app.GetTestServer();

    public static async Task<EmbeddedApp> StartAsync(string dataDirectory, Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = dataDirectory });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CollabDocs:Storage:Provider"] = "Sqlite",
            ["CollabDocs:Storage:ConnectionString"] = string.Empty,
            ["CollabDocs:Storage:DataDirectory"] = dataDirectory,
            ["CollabDocs:Storage:SqliteSynchronous"] = "Normal",
            ["CollabDocs:RateLimits:Enabled"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());

        var (validator, listener, logs) = (new ForbiddenWordValidator(), new RecordingCommitListener(), new RecordingLoggerProvider(LogLevel.Warning));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);

        builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
        builder.Services.AddCollabDocs(builder.Configuration);
        builder.Services.AddSingleton<ISubmitValidator>(validator);
        builder.Services.AddSingleton<IDocumentCommitListener>(listener);
        builder.Services.AddSingleton<IDocumentInitializer, TemplateInitializer>();
        configureServices?.Invoke(builder.Services);

        var web = builder.Build();
        web.UseAuthentication();
        web.MapGet("/hello", () => "the host's own endpoint");
        web.MapCollabDocs();
        await web.StartAsync().DefaultTimeout();
        return new EmbeddedApp(web, validator, listener, logs);
    }

    /// <summary>An HTTP client signed in as <paramref name="user"/> (anonymous when null).</summary>
    public HttpClient Http(string? user)
    {
        var client = Server.CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(HeaderAuthenticationHandler.HeaderName, user);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>A hub connection signed in as <paramref name="user"/>, disposed with the app.</summary>
    public async Task<HubConnection> ConnectAsync(string user)
    {
        var connection = TestHubConnection.Build(Server, new TestHubOptions { ConfigureRequest = request => request.Headers[HeaderAuthenticationHandler.HeaderName] = user });
        _connections.Add(connection);
        await connection.StartAsync().DefaultTimeout();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync().DefaultTimeout();
        }

        _clients.ForEach(client => client.Dispose());
        await _app.StopAsync().DefaultTimeout();
        await _app.DisposeAsync().DefaultTimeout();
    }
}
