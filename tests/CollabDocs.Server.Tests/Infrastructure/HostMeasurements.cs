using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace CollabDocs.Server.Tests.Infrastructure;

/// <summary>
/// Records the measurements of one test server's <c>CollabDocs</c> meter from now on, with their tags. Only that
/// server's: other test servers in this process publish instruments of the same names (so their <c>/metrics</c>
/// scrape would mix them in), and each server's meter belongs to its own <see cref="IMeterFactory"/>.
/// </summary>
internal sealed class HostMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, Dictionary<string, string?> Tags, double Value)> _recorded = new();

    public HostMeasurements(TestHost host)
    {
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name == "CollabDocs")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements whose tags include every pair of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        _recorded.Where(r => r.Instrument == instrument && tags.All(t => r.Tags.TryGetValue(t.Key, out var v) && v == t.Value)).Sum(r => r.Value);

    /// <summary>How many measurements of <paramref name="instrument"/> carry every pair of <paramref name="tags"/>.</summary>
    public int Count(string instrument, params (string Key, string Value)[] tags) =>
        _recorded.Count(r => r.Instrument == instrument && tags.All(t => r.Tags.TryGetValue(t.Key, out var v) && v == t.Value));

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            pairs[tag.Key] = tag.Value?.ToString();
        }

        _recorded.Enqueue((instrument.Name, pairs, value));
    }
}
