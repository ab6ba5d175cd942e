using BenchmarkDotNet.Attributes;
using CollabDocs.Ot;
using CollabDocs.Testing;

namespace CollabDocs.Benchmarks;

/// <summary>
/// Why the server keeps a gap buffer: the same replay with <see cref="TextOperation.Apply(string)"/>,
/// which copies the whole text on every edit (O(length) time and allocation per edit).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class StringReplayBenchmarks
{
    private TextOperation[] _operations = [];
    private string _startContent = string.Empty;

    [Params("sveltecomponent")]
    public string Trace { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var trace = EditingTrace.Load(Trace);
        _operations = [.. trace.ToOperations()];
        _startContent = trace.StartContent;
        BenchmarkCheck.Equal(trace.EndContent, TextDocument().ToString(), $"{Trace} replayed through TextDocument");
        BenchmarkCheck.Equal(trace.EndContent, StringApply(), $"{Trace} replayed through TextOperation.Apply(string)");
    }

    [Benchmark(Baseline = true)]
    public TextDocument TextDocument()
    {
        var document = new TextDocument(_startContent);
        foreach (var operation in _operations)
        {
            document.Apply(operation);
        }

        return document;
    }

    [Benchmark]
    public string StringApply()
    {
        string text = _startContent;
        foreach (var operation in _operations)
        {
            text = operation.Apply(text);
        }

        return text;
    }
}
