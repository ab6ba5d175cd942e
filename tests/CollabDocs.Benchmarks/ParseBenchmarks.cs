using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CollabDocs.Ot;

namespace CollabDocs.Benchmarks;

/// <summary>
/// Parsing the operations of issue 10's CPU attack: 10,000 adjacent 200-character inserts (2 MB) and
/// 160,000 one-character inserts, from UTF-8 (<see cref="TextOperation.Parse(ReadOnlySpan{byte})"/>) and
/// from a JSON value as SignalR hands it over (<see cref="TextOperation.FromJson(JsonElement)"/>).
/// Merging adjacent inserts is linear, so each case is milliseconds rather than seconds.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ParseBenchmarks
{
    private byte[] _utf8 = [];
    private JsonDocument? _document;

    [Params("10000x200", "160000x1")]
    public string Shape { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var (count, length) = Shape == "10000x200" ? (10_000, 200) : (160_000, 1);
        string piece = new('x', length);
        var json = new StringBuilder("[");
        for (int i = 0; i < count; i++)
        {
            json.Append(i == 0 ? "\"" : ",\"").Append(piece).Append('"');
        }

        _utf8 = Encoding.UTF8.GetBytes(json.Append(']').ToString());
        _document = JsonDocument.Parse(_utf8);
        var parsed = TextOperation.Parse(_utf8);
        BenchmarkCheck.True(parsed.Components.Length == 1 && parsed.TargetLength == count * length, "the inserts merge into one");
        BenchmarkCheck.True(TextOperation.FromJson(_document.RootElement).Equals(parsed), "both parsers agree");
    }

    [GlobalCleanup]
    public void Cleanup() => _document?.Dispose();

    [Benchmark]
    public int ParseUtf8() => TextOperation.Parse(_utf8).TargetLength;

    [Benchmark]
    public int FromJsonElement() => TextOperation.FromJson(_document!.RootElement).TargetLength;
}
