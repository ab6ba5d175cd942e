using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CollabDocs.Ot;
using CollabDocs.Security.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Security.Tests.Guardrails;

/// <summary>
/// docs/security.md, Limits: the open documents of a node hold at most <c>MaxResidentBytes</c>. A load that would
/// pass it drops documents nobody is joined to, least recently used first, and is refused with <c>unavailable</c>
/// when every open document is joined; a dropped document reloads from the store as it was.
/// </summary>
public sealed class ResidentMemoryTests : IAsyncDisposable
{
    // Each document's text is 20,000 characters: 80,000 bytes once read (the text and its copy for joins), so three fit.
    private const int Length = 20_000;
    private const long Budget = 250_000;
    private const string ResidentMetric = "collabdocs_documents_resident_bytes";
    private const string OpenMetric = "collabdocs_documents_open";

    private readonly TestUser _ada = TestUser.Named("Ada");
    private readonly TestHost _factory = TestHost.Jwt(new Dictionary<string, string?>
    {
        ["CollabDocs:Documents:MaxResidentBytes"] = Budget.ToString(CultureInfo.InvariantCulture),
        ["CollabDocs:Documents:MaxHistoryBytes"] = "16384",
        ["CollabDocs:Limits:MaxDocumentLength"] = "50000",
    });

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    [Trait("Promise", "security.max-resident-bytes")]
    public async Task ALoadOverMaxResidentBytes_DropsTheLeastRecentlyUsedIdleDocument_WhichReloadsFromTheStoreWithItsEdits()
    {
        using var api = _factory.ApiAs(_ada.Token);
        string[] ids = ["lru-0", "lru-1", "lru-2", "lru-3"];
        for (int i = 0; i < ids.Length; i++)
        {
            await api.CreateOkAsync(ids[i], InitialText(i)).DefaultTimeout();
        }

        await using (var ada = await _factory.ConnectAsync(_ada.Token).DefaultTimeout())
        {
            await ada.Json.JoinAsync("lru-0").DefaultTimeout();
            await ada.SubmitAsync("lru-0", 0, new object[] { "x", Length }, "ada", 1).DefaultTimeout();
            await ada.InvokeAsync("Leave", "lru-0").DefaultTimeout();
        }

        // lru-0 was used first (joined, edited, left), then lru-1 and lru-2 were read: three documents, 240,000 bytes.
        Assert.Equal(InitialText(1), await TextAsync(api, "lru-1").DefaultTimeout());
        Assert.Equal(InitialText(2), await TextAsync(api, "lru-2").DefaultTimeout());
        Assert.Empty(Evicted());

        Assert.Equal(InitialText(3), await TextAsync(api, "lru-3").DefaultTimeout());

        Assert.Equal(["lru-0"], Evicted());
        await WaitForMetricsAsync(m => m[ResidentMetric] == 3 * 4 * Length && m[OpenMetric] == 3).DefaultTimeout();

        // Reloading lru-0 replays its edit from the store, and makes room by dropping lru-1, now the least recently used.
        Assert.Equal("x" + InitialText(0), await TextAsync(api, "lru-0").DefaultTimeout());
        Assert.Equal(["lru-0", "lru-1"], Evicted());
        await WaitForMetricsAsync(m => m[ResidentMetric] <= Budget && m[OpenMetric] == 3).DefaultTimeout();
        for (int i = 0; i < ids.Length; i++)
        {
            await AssertTextEqualsItsLogAsync(api, ids[i], InitialText(i)).DefaultTimeout();
        }
    }

    [Fact]
    [Trait("Promise", "security.max-resident-bytes")]
    [Trait("Promise", "protocol.error-unavailable")]
    public async Task WhenEveryOpenDocumentIsJoined_TheNextLoadIsRefusedWithUnavailableAndARetryHint_AndNothingIsLost()
    {
        using var api = _factory.ApiAs(_ada.Token);
        string[] ids = ["held-0", "held-1", "held-2", "held-3"];
        for (int i = 0; i < ids.Length; i++)
        {
            await api.CreateOkAsync(ids[i], InitialText(i)).DefaultTimeout();
        }

        await using var ada = await _factory.ConnectAsync(_ada.Token).DefaultTimeout();
        for (int i = 0; i < 3; i++)
        {
            await ada.Json.JoinAsync(ids[i]).DefaultTimeout();
            await ada.SubmitAsync(ids[i], 0, new object[] { "x", Length }, $"ada-{i}", 1).DefaultTimeout();
        }

        using var refused = await api.GetAsync("/api/documents/held-3").DefaultTimeout();
        await using var second = await _factory.ConnectAsync(_ada.Token).DefaultTimeout();
        var joinError = await Assert.ThrowsAsync<HubException>(() => second.Json.JoinAsync("held-3")).DefaultTimeout();

        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{refused.StatusCode}: {string.Join(Environment.NewLine, _factory.Logs.Errors)}");
        Assert.Equal("unavailable", await ApiClient.CodeOfAsync(refused).DefaultTimeout());
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("unavailable", TestHubClient.CodeOf(joinError.Message));
        Assert.Equal(5000, RetryAfterMsOf(joinError.Message));
        Assert.Empty(Evicted());

        // The joined documents go on: every edit is committed, and each text equals its log.
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(2, await ada.SubmitAsync(ids[i], 1, new object[] { 1, "y", Length }, $"ada-{i}", 2).DefaultTimeout());
            await AssertTextEqualsItsLogAsync(api, ids[i], InitialText(i)).DefaultTimeout();
            Assert.Equal("xy" + InitialText(i), await TextAsync(api, ids[i]).DefaultTimeout());
        }

        // Once one is left, it is the one dropped to make room.
        await ada.InvokeAsync("Leave", "held-2").DefaultTimeout();
        Assert.Equal(InitialText(3), await TextAsync(api, "held-3").DefaultTimeout());
        Assert.Equal(["held-2"], Evicted());
        await WaitForMetricsAsync(m => m[ResidentMetric] <= Budget && m[OpenMetric] == 3).DefaultTimeout();
        await AssertTextEqualsItsLogAsync(api, "held-2", InitialText(2)).DefaultTimeout();
        Assert.Equal("xy" + InitialText(2), await TextAsync(api, "held-2").DefaultTimeout());
    }

    [Fact]
    [Trait("Promise", "security.idle-eviction")]
    public async Task ADocumentNobodyJoined_IsDroppedAfterIdleEviction_ThoughHousekeepingVisitsIt()
    {
        await using var factory = TestHost.Jwt(new Dictionary<string, string?> { ["CollabDocs:Documents:IdleEviction"] = "00:00:06" });
        using var api = factory.ApiAs(_ada.Token);
        await api.CreateOkAsync("idle", "text").DefaultTimeout();

        Assert.Equal("text", await TextAsync(api, "idle").DefaultTimeout());
        await WaitForMetricsAsync(m => m[OpenMetric] == 1, factory).DefaultTimeout();

        // The sweep runs every 5 s: the first finds the document idle for less than 6 s and expires its presence, which
        // must not count as a request (it did: the document was never dropped), so the second or third drops it.
        await WaitForMetricsAsync(m => m[OpenMetric] == 0 && m[ResidentMetric] == 0, factory, TimeSpan.FromSeconds(25)).DefaultTimeout();
    }

    private static string InitialText(int i) => new((char)('a' + i), Length);

    /// <summary>The document's text through the HTTP API (the server's errors in the message if it fails).</summary>
    private async Task<string> TextAsync(ApiClient api, string id)
    {
        using var response = await api.GetAsync($"/api/documents/{id}").DefaultTimeout();
        string body = await response.Content.ReadAsStringAsync().DefaultTimeout();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {id}: {(int)response.StatusCode} {body} {string.Join(Environment.NewLine, _factory.Logs.Errors)}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("text").GetString()!;
    }

    /// <summary>The initial text with every logged operation applied equals the document's text.</summary>
    private static async Task AssertTextEqualsItsLogAsync(ApiClient api, string id, string initial)
    {
        var document = await api.GetJsonAsync($"/api/documents/{id}").DefaultTimeout();
        var operations = await api.GetJsonAsync($"/api/documents/{id}/operations?from=0").DefaultTimeout();
        string replayed = initial;
        int revision = 0;
        foreach (var operation in operations.EnumerateArray())
        {
            Assert.Equal(++revision, operation.GetProperty("revision").GetInt32());
            replayed = TextOperation.FromJson(operation.GetProperty("operation")).Apply(replayed);
        }

        Assert.Equal(document.GetProperty("revision").GetInt32(), revision);
        Assert.Equal(document.GetProperty("text").GetString(), replayed);
    }

    private static int RetryAfterMsOf(string message)
    {
        const string marker = "unavailable: ";
        using var detail = JsonDocument.Parse(message[(message.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..]);
        return detail.RootElement.GetProperty("retryAfterMs").GetInt32();
    }

    /// <summary>The documents dropped to make room, in order (log event <c>DocumentEvicted</c>).</summary>
    private List<string> Evicted() =>
        [.. _factory.Logs.Entries
            .Where(e => e.EventId.Name == "DocumentEvicted")
            .Select(e => e.Text.Split("DocumentId=")[1].Split(' ')[0])];

    private Task WaitForMetricsAsync(Func<Dictionary<string, double>, bool> condition) => WaitForMetricsAsync(condition, _factory);

    /// <summary>Observes the server's gauges until <paramref name="condition"/> holds (measured after each turn of the actors' loops).</summary>
    private static async Task WaitForMetricsAsync(Func<Dictionary<string, double>, bool> condition, TestHost factory, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var metrics = Observe(factory);
            if (metrics.ContainsKey(ResidentMetric) && metrics.ContainsKey(OpenMetric) && condition(metrics))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The metrics never met the condition: {ResidentMetric}={metrics.GetValueOrDefault(ResidentMetric)}, {OpenMetric}={metrics.GetValueOrDefault(OpenMetric)}.");
            await Task.Delay(100).DefaultTimeout();
        }
    }

    /// <summary>
    /// The current values of this server's <c>collabdocs.documents.*</c> gauges, named as <c>/metrics</c> shows them. Read
    /// from the server's own meters (other test servers in this process publish meters of the same name).
    /// </summary>
    private static Dictionary<string, double> Observe(TestHost factory)
    {
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["collabdocs.documents.resident"] = ResidentMetric,
            ["collabdocs.documents.open"] = OpenMetric,
        };
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && names.ContainsKey(instrument.Name))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[names[instrument.Name]] = values.GetValueOrDefault(names[instrument.Name]) + value);
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => values[names[instrument.Name]] = values.GetValueOrDefault(names[instrument.Name]) + value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
