using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Hubs;

/// <summary>
/// <c>CollabDocs:Hub:DrainTimeout</c>: on a graceful stop the calls in flight get this long, then every connection is
/// closed, even if a call never finishes. A commit is held in the store for good; the drain (2 s) must close the other
/// client's connection while it is still held. The host's own shutdown timeout is 2 minutes, past the test's timeout,
/// so only the drain timeout can end the wait in time.
/// </summary>
public sealed class DrainTimeoutTests(ITestOutputHelper output) : ServerTest(output)
{
    private RecordingDocumentStore _store = null!;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Hub:DrainTimeout"] = "00:00:02",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        _store = RecordingDocumentStore.Install(services);
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(2));
    }

    [Fact]
    [Trait("Promise", "security.hub-drain-timeout")]
    public async Task AGracefulStop_ClosesEveryConnectionAfterTheDrainTimeout_EvenWithACallThatNeverFinishes()
    {
        string id = await CreateDocumentAsync("").DefaultTimeout();
        var stuck = await ConnectAsync().DefaultTimeout();
        var idle = await ConnectAsync().DefaultTimeout();
        await idle.JoinAsync(id).DefaultTimeout();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.Connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };

        var held = _store.HoldNextCommitAsync();
        var inFlight = stuck.SubmitAsync(id, 0, TextOperation.Splice(0, 0, 0, "x"), seq: 1);
        await held.DefaultTimeout();

        // StopApplication runs the drain on the calling thread.
        var stopping = Task.Run(() => Server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication());
        var error = await closed.Task.DefaultTimeout();
        Output.WriteLine($"closed with {error?.Message ?? "no error"} while the commit is still held");
        Assert.Equal(HubConnectionState.Disconnected, idle.Connection.State);

        // The held call was cut with its connection (its client resends after reconnecting); let the store go so the host can stop.
        await Assert.ThrowsAnyAsync<Exception>(() => inFlight).DefaultTimeout();
        _store.Release();
        await stopping.DefaultTimeout();
    }
}
