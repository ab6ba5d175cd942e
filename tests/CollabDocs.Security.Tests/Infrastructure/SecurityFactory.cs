using CollabDocs.Server.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Security.Tests.Infrastructure;

/// <summary>
/// The real server on an in-memory test server, in JWT mode with <see cref="TestTokens.SigningKey"/>, storing
/// in its own temporary folder. <paramref name="settings"/> override any configuration key.
/// </summary>
internal sealed class SecurityFactory(
    IReadOnlyDictionary<string, string?>? settings = null,
    string environment = "Development",
    Action<IServiceCollection>? configureServices = null,
    string? dataDirectory = null) : WebApplicationFactory<Program>
{
    /// <summary>The data folder: a new temporary one (deleted on dispose) unless one was given.</summary>
    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("collabdocs-security-").FullName;

    /// <summary>Everything the server logged (after its own log filters).</summary>
    public RecordingLoggerProvider Logs { get; } = new();

    /// <summary>An HTTP client of the server, with <paramref name="token"/> as bearer token when given.</summary>
    public ApiClient Api(string? token) => new(CreateClient(), token);

    /// <summary>A SignalR connection over WebSockets with the token in the <c>access_token</c> query string, like a browser.</summary>
    public Task<TestHubClient> ConnectAsync(string? token, string? origin = null) => TestHubClient.ConnectAsync(this, token, origin);

    /// <summary>A raw WebSocket speaking the SignalR JSON protocol, for frames the .NET client would never send.</summary>
    public Task<RawHubSocket> ConnectRawAsync(string? token) => RawHubSocket.ConnectAsync(this, token);

    /// <summary>The server's token service (to issue share tokens and development tokens without HTTP).</summary>
    public TokenService Tokens => Services.GetRequiredService<TokenService>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("CollabDocs:Storage:DataDirectory", DataDirectory);
        builder.UseSetting("CollabDocs:Storage:SqliteSynchronous", "Normal");
        builder.UseSetting("CollabDocs:Auth:Mode", "Jwt");
        builder.UseSetting("CollabDocs:Auth:SigningKey", TestTokens.SigningKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Logs);
        });
        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().DefaultTimeout();
        if (dataDirectory is not null)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
