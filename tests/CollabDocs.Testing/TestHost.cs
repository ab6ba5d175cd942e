using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Testing;

/// <summary>
/// The real server (<see cref="Program"/>) on an in-memory test server, storing in a SQLite file of its own
/// folder. Two hosts on the same folder are two nodes sharing a store, and a new host on the folder of a
/// disposed one is the same server after a restart.
/// </summary>
public sealed class TestHost(TestHostOptions options) : WebApplicationFactory<Program>
{
    /// <summary>The signing key of a <see cref="TestAuthMode.Jwt"/> host (base64 of 32 bytes).</summary>
    public static readonly string SigningKey = Convert.ToBase64String(Encoding.ASCII.GetBytes("collabdocs-security-tests-key-32"));

    private readonly TestHostOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The data folder: the given one, or a new temporary one deleted on dispose.</summary>
    public string DataDirectory { get; } = options.DataDirectory ?? Directory.CreateTempSubdirectory("collabdocs-test-host-").FullName;

    /// <summary>What the server logged at <see cref="TestHostOptions.RecordedLogLevel"/> or above (after its own log filters).</summary>
    public RecordingLoggerProvider Logs { get; } = new(options.RecordedLogLevel);

    /// <summary>A typed client of the HTTP API (created on first use, disposed with the host).</summary>
    internal DocumentsApi Api => field ??= new DocumentsApi(CreateClient());

    /// <summary>An anonymous server, as the document and client tests use.</summary>
    public static TestHost Anonymous(string? dataDirectory = null, IReadOnlyDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null) =>
        new(new TestHostOptions { DataDirectory = dataDirectory, Settings = settings ?? new Dictionary<string, string?>(), ConfigureServices = configureServices });

    /// <summary>A JWT server with rate limits on, recording every log entry, as the security tests use.</summary>
    public static TestHost Jwt(
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Development",
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null,
        string? dataDirectory = null) =>
        new(new TestHostOptions
        {
            Auth = TestAuthMode.Jwt,
            Environment = environment,
            DataDirectory = dataDirectory,
            RateLimits = true,
            Settings = settings ?? new Dictionary<string, string?>(),
            ConfigureServices = configureServices,
            RecordedLogLevel = LogLevel.Trace,
            NegotiateHubConnections = true,
        });

    /// <summary>Opens a hub connection to this server with the SignalR .NET client.</summary>
    public Task<TestHubClient> ConnectAsync(TestHubOptions hub) =>
        TestHubClient.ConnectAsync(Server, hub.Negotiate is null ? hub with { Negotiate = _options.NegotiateHubConnections } : hub);

    /// <summary>Opens a hub connection as <paramref name="token"/>'s holder (none when null), from <paramref name="origin"/> when given.</summary>
    public Task<TestHubClient> ConnectAsync(string? token = null, string? origin = null) =>
        ConnectAsync(new TestHubOptions { Token = token is null ? null : () => token, Origin = origin });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_options.Environment);

        // SQLite in the host's own folder, whatever the environment says.
        builder.UseSetting("CollabDocs:Storage:Provider", "Sqlite");
        builder.UseSetting("CollabDocs:Storage:ConnectionString", string.Empty);
        builder.UseSetting("CollabDocs:Storage:DataDirectory", DataDirectory);
        builder.UseSetting("CollabDocs:Storage:SqliteSynchronous", "Normal");

        builder.UseSetting("CollabDocs:Auth:Mode", _options.Auth.ToString());
        if (_options.Auth == TestAuthMode.Jwt)
        {
            builder.UseSetting("CollabDocs:Auth:SigningKey", SigningKey);
        }

        if (!_options.RateLimits)
        {
            builder.UseSetting("CollabDocs:RateLimits:Enabled", "false");
        }

        foreach (var (key, value) in _options.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Logs);
        });

        if (_options.ConfigureServices is not null)
        {
            builder.ConfigureTestServices(_options.ConfigureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().DefaultTimeout();
        if (_options.DataDirectory is not null)
        {
            return;
        }

        // The server's pooled connections keep the file open; close them before deleting.
        using (var pooled = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, "collabdocs.db"), Pooling = true }.ToString()))
        {
            SqliteConnection.ClearPool(pooled);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
