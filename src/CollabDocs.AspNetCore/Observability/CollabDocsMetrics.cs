using System.Diagnostics.Metrics;

namespace CollabDocs.Server.Observability;

/// <summary>
/// The <c>CollabDocs</c> meter (System.Diagnostics.Metrics), exported by OpenTelemetry on <c>/metrics</c>
/// in the Prometheus format. Names follow OpenTelemetry's conventions; Prometheus sees them with
/// underscores and unit suffixes (<c>collabdocs_operations_committed_total</c>, <c>collabdocs_submit_duration_seconds</c>, …).
/// </summary>
internal sealed class CollabDocsMetrics
{
    public const string MeterName = "CollabDocs";

    private static readonly double[] SubmitBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter;
    private readonly Counter<long> _committed;
    private readonly Histogram<double> _submitDuration;
    private readonly Counter<long> _commitConflicts;
    private readonly Counter<long> _backplaneErrors;
    private readonly Counter<long> _hubErrors;
    private readonly List<Func<int>> _openDocuments = [];

    public CollabDocsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _committed = _meter.CreateCounter<long>("collabdocs.operations.committed", "{operation}", "Operations this node committed to the store (rate() gives ops/s).");
        _submitDuration = _meter.CreateHistogram<double>(
            "collabdocs.submit.duration",
            "s",
            "From a submit reaching its document actor to its acknowledgement: transform, commit and any retries.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SubmitBuckets });
        _commitConflicts = _meter.CreateCounter<long>("collabdocs.commit.conflicts", "{conflict}", "Commits that lost the race to another writer and were transformed again and retried.");
        _backplaneErrors = _meter.CreateCounter<long>("collabdocs.backplane.errors", "{error}", "Failures talking to Redis (lost connections of the SignalR backplane and of the readiness check).");
        _hubErrors = _meter.CreateCounter<long>("collabdocs.hub.errors", "{error}", "Hub calls answered with an error, by method and error code (unavailable: the client resends).");
    }

    /// <summary>
    /// Adds <paramref name="count"/> to the number of documents held in memory on this node (actors of a single
    /// node, grains this silo owns in a cluster): the gauge reports the sum.
    /// </summary>
    public void ObserveOpenDocuments(Func<int> count)
    {
        lock (_openDocuments)
        {
            _openDocuments.Add(count);
            if (_openDocuments.Count == 1)
            {
                _meter.CreateObservableGauge("collabdocs.documents.open", SumOpenDocuments, "{document}", "Documents held in memory (document actors or owned grains) on this node.");
            }
        }
    }

    /// <summary>Reports <paramref name="bytes"/> as the approximate memory the open documents of this node hold.</summary>
    public void ObserveResidentBytes(Func<long> bytes) =>
        _meter.CreateObservableGauge(
            "collabdocs.documents.resident",
            bytes,
            "By",
            "Approximate bytes the open documents of this node hold (text, its copy for joins, history), bounded by CollabDocs:Documents:MaxResidentBytes.");

    private int SumOpenDocuments()
    {
        lock (_openDocuments)
        {
            int sum = 0;
            foreach (var count in _openDocuments)
            {
                sum += count();
            }

            return sum;
        }
    }

    public void Committed(int operations) => _committed.Add(operations);

    public void CommitConflict() => _commitConflicts.Add(1);

    public void BackplaneError(string kind) => _backplaneErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void HubError(string method, string code) =>
        _hubErrors.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("code", code));

    /// <summary>Records how long <paramref name="submit"/> took from <paramref name="startTimestamp"/>, tagged by outcome.</summary>
    public async Task<T> MeasureSubmitAsync<T>(Task<T> submit, long startTimestamp, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(submit);
        ArgumentNullException.ThrowIfNull(time);
        string outcome = "error";
        try
        {
            var result = await submit.ConfigureAwait(false);
            outcome = "ok";
            return result;
        }
        finally
        {
            _submitDuration.Record(time.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
