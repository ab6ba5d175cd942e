using System.Text;
using BenchmarkDotNet.Attributes;
using CollabDocs.Ot;

namespace CollabDocs.Benchmarks;

/// <summary>
/// The gap buffer's best and worst case on a 10,000,000-character document: single-character inserts
/// typed at one spot (the gap never moves far) and at random spots (each moves the gap a third of the
/// document on average). Each iteration starts from a fresh document whose gap already sits at the
/// middle, where the typing at one spot starts.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LargeDocumentBenchmarks
{
    private const int DocumentLength = 10_000_000;
    private const int Seed = 20_240_601;
    private const string Typed = "§";

    private string _text = string.Empty;
    private TextOperation _placeCursor = TextOperation.Identity(0);
    private TextOperation[] _atOneSpot = [];
    private TextOperation[] _atRandomSpots = [];
    private TextDocument _document = new();

    [Params(10_000)]
    public int Edits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = MakeText(DocumentLength);
        int middle = DocumentLength / 2;
        _placeCursor = TextOperation.Splice(DocumentLength, middle, 0, Typed);

        var random = new Random(Seed);
        _atOneSpot = new TextOperation[Edits];
        _atRandomSpots = new TextOperation[Edits];
        for (int i = 0; i < Edits; i++)
        {
            int length = DocumentLength + 1 + i;
            _atOneSpot[i] = TextOperation.Splice(length, middle + 1 + i, 0, Typed);
            _atRandomSpots[i] = TextOperation.Splice(length, random.Next(length + 1), 0, Typed);
        }

        Check();
    }

    [IterationSetup]
    public void FreshDocument()
    {
        _document = new TextDocument(_text);
        _document.Apply(_placeCursor);
    }

    [Benchmark]
    public TextDocument TypingAtOneSpot()
    {
        foreach (var operation in _atOneSpot)
        {
            _document.Apply(operation);
        }

        return _document;
    }

    [Benchmark]
    public TextDocument TypingAtRandomSpots()
    {
        foreach (var operation in _atRandomSpots)
        {
            _document.Apply(operation);
        }

        return _document;
    }

    private static string MakeText(int length)
    {
        const string Paragraph = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs.\n";
        var builder = new StringBuilder(length + Paragraph.Length);
        while (builder.Length < length)
        {
            builder.Append(Paragraph);
        }

        return builder.ToString(0, length);
    }

    private void Check()
    {
        int middle = DocumentLength / 2;
        FreshDocument();
        string expected = string.Concat(_text.AsSpan(0, middle), new string(Typed[0], Edits + 1), _text.AsSpan(middle));
        BenchmarkCheck.Equal(expected, TypingAtOneSpot().ToString(), "typing at one spot");

        // The typed character is absent from the base text, so removing it must give the base text back.
        FreshDocument();
        string typedAtRandom = TypingAtRandomSpots().ToString();
        BenchmarkCheck.Equal(_text, typedAtRandom.Replace(Typed, string.Empty, StringComparison.Ordinal), "typing at random spots, typed text removed");
        BenchmarkCheck.True(typedAtRandom.Length == _text.Length + Edits + 1, "typing at random spots: every edit inserted one character");
    }
}
