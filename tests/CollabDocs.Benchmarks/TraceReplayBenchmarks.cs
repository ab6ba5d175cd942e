using BenchmarkDotNet.Attributes;
using CollabDocs.Ot;
using CollabDocs.Testing;

namespace CollabDocs.Benchmarks;

/// <summary>
/// The server's apply path: a whole sequential trace replayed through a fresh <see cref="TextDocument"/>.
/// The operations are built in setup, so the measured allocation is the document's own (its buffer
/// growing from empty), never the operations.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class TraceReplayBenchmarks
{
    private TextOperation[] _operations = [];
    private string _startContent = string.Empty;

    [Params("sveltecomponent", "rustcode", "automerge-paper")]
    public string Trace { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var trace = EditingTrace.Load(Trace);
        _operations = [.. trace.ToOperations()];
        _startContent = trace.StartContent;

        // Checked once here, outside the measured region.
        BenchmarkCheck.Equal(trace.EndContent, TextDocument().ToString(), $"{Trace} replayed through TextDocument");
    }

    [Benchmark]
    public TextDocument TextDocument()
    {
        var document = new TextDocument(_startContent);
        foreach (var operation in _operations)
        {
            document.Apply(operation);
        }

        return document;
    }
}
