using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// The real server (<see cref="Program"/>) on an in-memory test server, storing in its own SQLite file.
/// Two factories on the same <see cref="TestDataDirectory"/> are two nodes sharing a store, and a new
/// factory on the folder of a disposed one is the same server after a restart.
/// </summary>
public sealed class CollabDocsFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    public CollabDocsFactory(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        _dataDirectory = dataDirectory;
        _settings = settings ?? new Dictionary<string, string?>();
        _configureServices = configureServices;
    }

    /// <summary>The server's warnings and errors.</summary>
    public RecordingLoggerProvider Logs { get; } = new(LogLevel.Warning);

    /// <summary>A typed client of the HTTP API (created on first use, disposed with the factory).</summary>
    internal DocumentsApi Api => field ??= new DocumentsApi(CreateClient());

    /// <summary>Opens a hub connection to this server.</summary>
    public Task<DocumentHubClient> ConnectAsync(string? clientId = null, bool messagePack = false) => DocumentHubClient.ConnectAsync(this, clientId, messagePack);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // SQLite in the test's own folder, whatever the environment says.
        builder.UseSetting("CollabDocs:Storage:Provider", "Sqlite");
        builder.UseSetting("CollabDocs:Storage:ConnectionString", string.Empty);
        builder.UseSetting("CollabDocs:Storage:DataDirectory", _dataDirectory);
        builder.UseSetting("CollabDocs:Storage:SqliteSynchronous", "Normal");

        // Explicit anonymous mode and no rate limits: these tests are about documents, not tokens or
        // throttling (docs/security.md); a test class can turn either back on through its settings.
        builder.UseSetting("CollabDocs:Auth:Mode", "Anonymous");
        builder.UseSetting("CollabDocs:RateLimits:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Logs);
        });

        if (_configureServices is not null)
        {
            builder.ConfigureTestServices(_configureServices);
        }
    }
}
