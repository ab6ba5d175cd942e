using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CollabDocs.Ot;
using CollabDocs.Ot.Authorship;
using CollabDocs.Server.Authorship;
using CollabDocs.Testing;

namespace CollabDocs.Benchmarks;

/// <summary>
/// The engine pieces behind issue 15 on the whole automerge-paper trace (259,778 edits, 104,852 final
/// characters): building authorship from the log (the first computation), answering with the ranges at
/// the head (and writing them as JSON, as the endpoint does), snapshotting the map, the per-commit
/// checksum, and the diff of a PUT.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class IntegrationBenchmarks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private TextOperation[] _operations = [];
    private AuthorshipMap _head = null!;
    private byte[] _headBytes = [];
    private string _text = string.Empty;
    private string _edited = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var trace = EditingTrace.Load("automerge-paper");
        _operations = [.. trace.ToOperations()];
        _head = BuildAuthorship();
        _headBytes = _head.ToBytes();
        _text = trace.EndContent;

        // A PUT-sized change: three edits far apart.
        _edited = _text.Insert(90_000, "a sentence added near the end. ").Remove(50_000, 40).Insert(1_000, "Typo fixed");
        BenchmarkCheck.True(_head.Length == _text.Length, "authorship covers the final text");
        BenchmarkCheck.Equal(_edited, TextDiff.Compute(_text, _edited).Apply(_text), "the diff applies");
    }

    /// <summary>The first computation's in-memory part: every operation of the log applied to a new map.</summary>
    [Benchmark]
    public AuthorshipMap BuildAuthorship()
    {
        var map = new AuthorshipMap(0, "creator");
        for (int i = 0; i < _operations.Length; i++)
        {
            map.Apply(_operations[i], (i / 1000 % 3) switch { 0 => "ada", 1 => "bob", _ => "cy" }, i + 1, 1_764_480_000_000 + i);
        }

        return map;
    }

    [Benchmark]
    public int RangesAtHead() => _head.GetRanges().Count;

    /// <summary>What <c>GET /authors</c> does per request once the map is current: ranges, written as JSON.</summary>
    [Benchmark]
    public int RangesAtHeadAsJson() => JsonSerializer.SerializeToUtf8Bytes(_head.GetRanges(), Json).Length;

    /// <summary>What the endpoint writes now: the same ranges through <see cref="AuthorsJson"/> (Utf8JsonWriter, pre-encoded names).</summary>
    [Benchmark]
    public long RangesAtHeadAsJsonWriter()
    {
        var ranges = _head.GetRanges();
        var response = new AuthorsResponse("paper", _operations.Length, _text.Length, [.. ranges.Select(r => new AuthorRange(r.Start, r.Length, r.UserId, r.Revision, r.Timestamp))]);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        AuthorsJson.WriteAsync(writer, response, CancellationToken.None).GetAwaiter().GetResult();
        return buffer.WrittenCount;
    }

    [Benchmark]
    public int AuthorshipToBytes() => _head.ToBytes().Length;

    [Benchmark]
    public int AuthorshipFromBytes() => AuthorshipMap.FromBytes(_headBytes).RunCount;

    /// <summary>The checksum every commit computes, on the final text.</summary>
    [Benchmark]
    public uint Checksum() => TextChecksum.Compute(_text);

    [Benchmark]
    public int DiffOfAPut() => TextDiff.Compute(_text, _edited).Components.Length;
}
