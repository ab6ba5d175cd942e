using BenchmarkDotNet.Attributes;
using CollabDocs.Ot;
using CollabDocs.Testing;

namespace CollabDocs.Benchmarks;

/// <summary>
/// The server's transform step: every edit of a trace transformed against one concurrent edit made on
/// the same text. Edit <c>i</c> (base length <c>L</c>, at <c>pos</c>) meets a one-character edit at
/// <c>(pos + L/2) mod (L + 1)</c>: an insert for even <c>i</c>, a delete for odd <c>i</c> where there is
/// a character to delete. <see cref="TransformAgainstInsertAtStart"/> repeats the peer kit's
/// <c>ot-text-unicode.transform</c> case instead: every edit against a one-character insert at position 0.
/// All pairs are built in setup; the measured loop only transforms.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class TransformBenchmarks
{
    private const int CheckEvery = 1000;

    private TextOperation[] _incoming = [];
    private TextOperation[] _concurrent = [];
    private TextOperation[] _insertAtStart = [];

    [Params("sveltecomponent", "rustcode", "automerge-paper")]
    public string Trace { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var trace = EditingTrace.Load(Trace);
        _incoming = [.. trace.ToOperations()];
        _concurrent = new TextOperation[_incoming.Length];
        _insertAtStart = new TextOperation[_incoming.Length];
        for (int i = 0; i < _incoming.Length; i++)
        {
            var patch = trace.Patches[i];
            int length = _incoming[i].BaseLength;
            int position = (int)((patch.Position + (long)(length / 2)) % (length + 1));
            _concurrent[i] = i % 2 == 1 && position < length
                ? TextOperation.Splice(length, position, 1, string.Empty)
                : TextOperation.Splice(length, position, 0, "x");
            _insertAtStart[i] = TextOperation.Splice(length, 0, 0, "x");
        }

        CheckConvergence(trace, _concurrent);
        CheckConvergence(trace, _insertAtStart);
    }

    [Benchmark]
    public int Transform()
    {
        int total = 0;
        for (int i = 0; i < _incoming.Length; i++)
        {
            var (incomingPrime, concurrentPrime) = TextOperation.Transform(_incoming[i], _concurrent[i]);
            total += incomingPrime.TargetLength - concurrentPrime.TargetLength;
        }

        return total;
    }

    [Benchmark]
    public int TransformAgainstInsertAtStart()
    {
        int total = 0;
        for (int i = 0; i < _incoming.Length; i++)
        {
            var (incomingPrime, concurrentPrime) = TextOperation.Transform(_incoming[i], _insertAtStart[i]);
            total += incomingPrime.TargetLength - concurrentPrime.TargetLength;
        }

        return total;
    }

    /// <summary>Checks apply(apply(S, a), b') == apply(apply(S, b), a') on every 1000th pair and the last.</summary>
    private void CheckConvergence(EditingTrace trace, TextOperation[] concurrent)
    {
        var document = new TextDocument(trace.StartContent);
        for (int i = 0; i < _incoming.Length; i++)
        {
            if (i % CheckEvery == 0 || i == _incoming.Length - 1)
            {
                string text = document.ToString();
                var (aPrime, bPrime) = TextOperation.Transform(_incoming[i], concurrent[i]);
                BenchmarkCheck.Equal(
                    bPrime.Apply(_incoming[i].Apply(text)),
                    aPrime.Apply(concurrent[i].Apply(text)),
                    $"{Trace} pair {i} after transform");
            }

            document.Apply(_incoming[i]);
        }
    }
}
