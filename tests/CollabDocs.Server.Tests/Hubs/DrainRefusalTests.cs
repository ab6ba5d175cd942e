using System.Net;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>
/// docs/protocol.md, Connection, "A graceful stop": while the server drains, new connections get 503 and new submits
/// <c>unavailable</c>, and the call in flight still finishes and is acknowledged. A commit held in the store keeps the
/// drain open (its timeout is far past the test's steps) until the test lets it go.
/// </summary>
public sealed class DrainRefusalTests(ITestOutputHelper output) : ServerTest(output)
{
    private RecordingDocumentStore _store = null!;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Hub:DrainTimeout"] = "00:01:00",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        _store = RecordingDocumentStore.Install(services);
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(2));
    }

    [Fact]
    [Trait("Promise", "protocol.graceful-stop-drains")]
    public async Task WhileDraining_NewConnectionsGet503_NewSubmitsUnavailable_AndTheCallInFlightIsAcknowledged()
    {
        string id = await CreateDocumentAsync("").DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        var other = await ConnectAsync().DefaultTimeout();
        using var http = Server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(http).DefaultTimeout());

        var held = _store.HoldNextCommitAsync();
        var inFlight = writer.SubmitAsync(id, 0, TextOperation.Splice(0, 0, 0, "x"), seq: 1);
        await held.DefaultTimeout();
        var stopping = Task.Run(() => Server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication());

        HttpStatusCode negotiate;
        int attempts = 0;
        while ((negotiate = await NegotiateAsync(http).DefaultTimeout()) == HttpStatusCode.OK && ++attempts < 100)
        {
            await Task.Delay(50).DefaultTimeout(); // the stop has not begun its drain yet
        }

        Output.WriteLine($"negotiate during the drain: {(int)negotiate} after {attempts} polls");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, negotiate);
        Assert.Equal("unavailable", await TestHubClient.ErrorCodeAsync(other.SubmitAsync(id, 0, TextOperation.Splice(0, 0, 0, "y"), seq: 1)).DefaultTimeout());
        Assert.False(inFlight.IsCompleted);

        _store.Release();
        Assert.Equal(1, await inFlight.DefaultTimeout());
        await stopping.DefaultTimeout();
        Assert.Equal([1], _store.CommittedBatches);
    }

    private static async Task<HttpStatusCode> NegotiateAsync(HttpClient http)
    {
        using var response = await http.PostAsync(new Uri("/hubs/docs/negotiate?negotiateVersion=1", UriKind.Relative), content: null).DefaultTimeout();
        return response.StatusCode;
    }
}
