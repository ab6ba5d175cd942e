using BenchmarkDotNet.Attributes;
using CollabDocs.Ot;
using CollabDocs.Testing;

namespace CollabDocs.Benchmarks;

/// <summary>
/// The checksum every acknowledgement carries, as the server pays it: after each operation of a stretch of the
/// automerge-paper trace, <see cref="TextDocument.Checksum"/> of the whole text. <c>ApplyOnly</c> replays the same
/// stretch without it, so (ApplyWithChecksum − ApplyOnly) / <see cref="Count"/> is the checksum's cost per
/// operation. Operations 160,000–220,000 edit a text of about 96,000 characters all over it; 0–60,000 grow it from
/// empty to about 37,000.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class ChecksumBenchmarks
{
    private const int Count = 60_000;
    private TextOperation[] _operations = [];
    private string _startContent = string.Empty;
    private string _before = string.Empty;
    private TextDocument _document = null!;

    [Params(0, 160_000)]
    public int From { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var trace = EditingTrace.Load("automerge-paper");
        _operations = [.. trace.ToOperations()];
        _startContent = trace.StartContent;
        var document = new TextDocument(_startContent);
        for (int i = 0; i < From; i++)
        {
            document.Apply(_operations[i]);
        }

        _before = document.ToString();

        // The incremental checksum equals the checksum of the whole text, checked once outside the timing.
        var check = new TextDocument(_before);
        for (int i = From; i < From + Count; i += 1_000)
        {
            for (int j = i; j < i + 1_000; j++)
            {
                check.Apply(_operations[j]);
                check.Checksum();
            }

            BenchmarkCheck.True(check.Checksum() == TextChecksum.Compute(check.ToString()), $"checksum after operation {i + 1_000}");
        }
    }

    [IterationSetup]
    public void Reset() => _document = new TextDocument(_before);

    [Benchmark(Baseline = true)]
    public int ApplyOnly()
    {
        for (int i = From; i < From + Count; i++)
        {
            _document.Apply(_operations[i]);
        }

        return _document.Length;
    }

    [Benchmark]
    public uint ApplyWithChecksum()
    {
        uint checksum = 0;
        for (int i = From; i < From + Count; i++)
        {
            _document.Apply(_operations[i]);
            checksum ^= _document.Checksum();
        }

        return checksum;
    }
}
