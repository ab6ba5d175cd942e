using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CollabDocs.Client.Tests.Infrastructure;

/// <summary>
/// The real server (<see cref="Program"/>) on an in-memory test server, anonymous, storing in a SQLite file
/// of its own folder. A new host on the folder of a disposed one is the same server after a restart.
/// </summary>
public sealed class TestServerHost(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>Creates a document through the HTTP API; returns its id.</summary>
    public async Task<string> CreateDocumentAsync(string text)
    {
        using var http = CreateClient();
        using var response = await http.PostAsJsonAsync("/api/documents", new { text }).DefaultTimeout();
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<DocumentBody>().DefaultTimeout();
        return created!.Id;
    }

    /// <summary>The document's revision and text as the server has them now.</summary>
    public async Task<(int Revision, string Text)> GetDocumentAsync(string id)
    {
        using var http = CreateClient();
        var body = await http.GetFromJsonAsync<DocumentBody>(new Uri($"/api/documents/{id}", UriKind.Relative)).DefaultTimeout();
        return (body!.Revision, body.Text!);
    }

    /// <summary>The (clientId, seq) of every committed operation after <paramref name="from"/> (the log may be compacted below), in revision order.</summary>
    public async Task<List<(string ClientId, int Seq)>> GetLogAsync(string id, int from = 0)
    {
        using var http = CreateClient();
        var log = new List<(string, int)>();
        while (true)
        {
            var page = await http.GetFromJsonAsync<List<LogEntry>>(new Uri($"/api/documents/{id}/operations?from={from}", UriKind.Relative)).DefaultTimeout();
            if (page is null || page.Count == 0)
            {
                return log;
            }

            log.AddRange(page.Select(e => (e.ClientId, e.Seq)));
            from = page[^1].Revision;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("CollabDocs:Storage:Provider", "Sqlite");
        builder.UseSetting("CollabDocs:Storage:ConnectionString", string.Empty);
        builder.UseSetting("CollabDocs:Storage:DataDirectory", dataDirectory);
        builder.UseSetting("CollabDocs:Auth:Mode", "Anonymous");
        builder.UseSetting("CollabDocs:RateLimits:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    private sealed record DocumentBody(string Id, int Revision, string? Text);

    private sealed record LogEntry(int Revision, string ClientId, int Seq);
}
