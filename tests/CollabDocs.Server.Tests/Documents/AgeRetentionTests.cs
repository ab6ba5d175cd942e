using System.Net;
using CollabDocs.Ot;
using CollabDocs.Server.Tests.Infrastructure;
using CollabDocs.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CollabDocs.Server.Tests.Documents;

/// <summary>
/// <c>CollabDocs:Storage:RetainAge</c> on the real server with a fake clock: operations younger than the age stay
/// whatever their number, older ones are compacted by the maintenance pass, and time travel or a fetch below the
/// floor then gets <c>410 revision_too_old</c> while the retained revisions still answer.
/// </summary>
public sealed class AgeRetentionTests(ITestOutputHelper output) : ServerTest(output)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["CollabDocs:Storage:SnapshotInterval"] = "5",
        ["CollabDocs:Storage:RetainAge"] = "01:00:00",
        ["CollabDocs:Storage:BackgroundMaintenance"] = "false",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    [Trait("Promise", "security.retain-age")]
    public async Task OperationsOlderThanTheAge_AreCompacted_AndTimeTravelBelowTheFloorIsTooOld()
    {
        string id = await CreateDocumentAsync("").DefaultTimeout();
        var writer = await ConnectAsync().DefaultTimeout();
        for (int seq = 1; seq <= 20; seq++)
        {
            Assert.Equal(seq, await writer.SubmitAsync(id, seq - 1, TextOperation.Splice(seq - 1, seq - 1, 0, "a"), seq).DefaultTimeout());
        }

        // Twenty revisions, all younger than an hour: the pass writes snapshots but compacts nothing.
        var maintenance = Server.Services.GetRequiredService<IStoreMaintenance>();
        Assert.Equal(0, (await maintenance.MaintainAsync(id).DefaultTimeout())!.OperationsDeleted);

        // Two hours later: five more revisions, then a pass. Everything up to the snapshot at 20 is older than the age.
        _clock.Advance(TimeSpan.FromHours(2));
        for (int seq = 21; seq <= 25; seq++)
        {
            Assert.Equal(seq, await writer.SubmitAsync(id, seq - 1, TextOperation.Splice(seq - 1, seq - 1, 0, "b"), seq).DefaultTimeout());
        }

        var result = await maintenance.MaintainAsync(id).DefaultTimeout();
        Assert.Equal((20, 20), (result!.Floor, result.OperationsDeleted));

        // A new process: nothing in memory, everything from the store.
        await RestartAsync().DefaultTimeout();
        foreach (string path in new[] { $"/api/documents/{id}/text?revision=19", $"/api/documents/{id}/text?revision=1", $"/api/documents/{id}/operations?from=0" })
        {
            using var tooOld = await Api.Http.GetAsync(new Uri(path, UriKind.Relative)).DefaultTimeout();
            await DocumentsApi.AssertProblemAsync(tooOld, HttpStatusCode.Gone, "revision_too_old").DefaultTimeout();
        }

        Assert.Equal(new string('a', 20), await Api.GetTextAtAsync(id, 20).DefaultTimeout());
        Assert.Equal(new string('a', 20) + "bb", await Api.GetTextAtAsync(id, 22).DefaultTimeout());
        Assert.Equal([21, 22, 23, 24, 25], (await Api.GetOperationsAsync(id, from: 20).DefaultTimeout()).Select(o => o.Revision));
        Assert.Equal((25, new string('a', 20) + new string('b', 5)), await GetDocumentAsync(id).DefaultTimeout());
    }
}
