using CollabDocs.Security.Tests.Infrastructure;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// One server with small limits, a "victim" document with history that every bad input aims at, and a
/// healthy client on another document that must keep being served. <see cref="VictimSnapshotAsync"/> is the
/// byte-exact state (text and whole log) the corpus compares before and after each case.
/// </summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public const string Victim = "victim";
    public const string VictimText = "Hello \U0001F600 world";
    public const int VictimRevision = 5;

    internal static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["CollabDocs:Limits:MaxComponents"] = "100",
        ["CollabDocs:Limits:MaxOperationLength"] = "1000",
        ["CollabDocs:Limits:MaxDocumentLength"] = "600",
        ["CollabDocs:Limits:MaxRevisionLag"] = "3",
        ["CollabDocs:Limits:MaxDocumentsPerConnection"] = "3",
        ["CollabDocs:Limits:MaxMessageBytes"] = "65536",
        ["CollabDocs:Limits:MaxPresenceRanges"] = "4",

        // The flood cases expect a refusal among 150 calls sent back to back. A connection's calls are handled one
        // after another, so at the default refill (20 a second) a server slowed to 30 ms per call by a loaded machine
        // never empties the bucket; at 2 a second it would have to take 300 ms per GetOperations or presence call.
        ["CollabDocs:RateLimits:ConnectionRequests:PermitsPerSecond"] = "2",
        ["CollabDocs:RateLimits:ConnectionPresence:PermitsPerSecond"] = "2",
    };

    private int _healthySeq;
    private int _healthyRevision;

    internal TestHost Factory { get; } = TestHost.Jwt(Settings);

    internal TestUser Owner { get; } = TestUser.Named("Owner");

    internal TestUser Editor { get; } = TestUser.Named("Editor");

    internal TestUser Viewer { get; } = TestUser.Named("Viewer");

    internal TestUser Stranger { get; } = TestUser.Named("Stranger");

    internal TestUser Bystander { get; } = TestUser.Named("Bystander");

    internal ApiClient OwnerApi { get; private set; } = null!;

    internal TestHubClient Healthy { get; private set; } = null!;

    /// <summary>The victim's text and log as the server sent them, before any case ran.</summary>
    internal (string Text, string Log) Baseline { get; private set; }

    /// <summary>The length of the victim's text at its current revision.</summary>
    public static int VictimLength => VictimText.Length + VictimRevision;

    public async Task InitializeAsync()
    {
        OwnerApi = Factory.ApiAs(Owner.Token);
        await OwnerApi.CreateOkAsync(Victim, VictimText).DefaultTimeout();
        await OwnerApi.SetRoleOkAsync(Victim, Editor.Id, "editor").DefaultTimeout();
        await OwnerApi.SetRoleOkAsync(Victim, Viewer.Id, "viewer").DefaultTimeout();
        await using (var owner = await Factory.ConnectAsync(Owner.Token).DefaultTimeout())
        {
            // History: seqs 10, 20, … so that a lower seq that was never committed exists (seq_out_of_order).
            for (int revision = 0; revision < VictimRevision; revision++)
            {
                await owner.SubmitAsync(Victim, revision, new object[] { VictimText.Length + revision, "." }, "setup", (revision + 1) * 10).DefaultTimeout();
            }
        }

        using (var editorApi = Factory.ApiAs(Editor.Token))
        {
            for (int i = 1; i <= 4; i++)
            {
                await editorApi.CreateOkAsync("editor-own-" + i).DefaultTimeout();
            }
        }

        using (var bystanderApi = Factory.ApiAs(Bystander.Token))
        {
            await bystanderApi.CreateOkAsync("healthy").DefaultTimeout();
        }

        Healthy = await Factory.ConnectAsync(Bystander.Token).DefaultTimeout();
        await Healthy.Json.JoinAsync("healthy").DefaultTimeout();
        Baseline = await VictimSnapshotAsync().DefaultTimeout();
        Assert.Contains("Hello", Baseline.Text, StringComparison.Ordinal);
    }

    /// <summary>The victim's text response and full operations list, as exact strings.</summary>
    internal async Task<(string Text, string Log)> VictimSnapshotAsync() =>
        (await OwnerApi.GetTextAsync($"/api/documents/{Victim}").DefaultTimeout(), await OwnerApi.GetTextAsync($"/api/documents/{Victim}/operations?from=0").DefaultTimeout());

    /// <summary>The server still serves others: the healthy client commits an edit to its own document.</summary>
    internal async Task AssertOthersAreServedAsync()
    {
        object[] operation = _healthyRevision == 0 ? ["x"] : ["x", _healthyRevision];
        int revision = await Healthy.SubmitAsync("healthy", _healthyRevision, operation, "healthy-client", ++_healthySeq).DefaultTimeout();
        Assert.Equal(++_healthyRevision, revision);
    }

    public async Task DisposeAsync()
    {
        await Healthy.DisposeAsync().DefaultTimeout();
        OwnerApi.Dispose();
        await Factory.DisposeAsync().DefaultTimeout();
    }
}
