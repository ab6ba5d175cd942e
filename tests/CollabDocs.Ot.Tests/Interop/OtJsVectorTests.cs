using System.Text.Json.Nodes;

namespace CollabDocs.Ot.Tests.Interop;

/// <summary>
/// Our engine against results computed by ot.js itself (tests/otjs-vectors/generate.js): transform,
/// compose and cursor transform must give exactly ot.js's operations, component for component.
/// </summary>
public sealed class OtJsVectorTests
{
    private static readonly Lazy<JsonNode> Vectors = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", "otjs-vectors.json")))!);

    [Fact]
    public void Vectors_ComeFromThePinnedOtJs_AndCoverAstralTextAndTies()
    {
        var root = Vectors.Value;
        var transform = root["transform"]!.AsArray();
        var kinds = transform.Select(v => (string)v!["kind"]!).ToList();

        Assert.Equal("0.0.15", (string?)root["generator"]!["ot"]);
        Assert.NotNull(root["generator"]!["seed"]);
        Assert.True(transform.Count >= 300, $"{transform.Count} transform vectors");
        Assert.True(root["compose"]!.AsArray().Count >= 300);
        Assert.True(root["transformIndex"]!.AsArray().Count >= 50);
        Assert.True(kinds.Count(k => k.Contains("astral", StringComparison.Ordinal)) >= 100);
        Assert.True(kinds.Count(k => k.StartsWith("insert-same-position", StringComparison.Ordinal)) >= 20);
        Assert.True(kinds.Count(k => k.StartsWith("delete-overlap", StringComparison.Ordinal)) >= 10);
        Assert.Contains(transform, v => ((string)v!["text"]!).EnumerateRunes().Any(r => !r.IsBmp));
    }

    [Fact]
    public void OperationsFromOtJs_ParseIntoTheSameNormalForm()
    {
        var failures = new List<string>();
        foreach (var (vector, index) in Vectors.Value["transform"]!.AsArray().Select((v, i) => (v!, i)))
        {
            foreach (string name in new[] { "a", "b", "aPrime", "bPrime" })
            {
                var node = vector[name]!;
                if (!JsonNode.DeepEquals(node, JsonNode.Parse(Operation(node).ToString())))
                {
                    failures.Add($"transform[{index}].{name} = {node.ToJsonString()} re-serialises as {Operation(node)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Transform_GivesExactlyOtJsResults()
    {
        var failures = new List<string>();
        foreach (var (vector, index) in Vectors.Value["transform"]!.AsArray().Select((v, i) => (v!, i)))
        {
            string text = (string)vector["text"]!;
            var a = Operation(vector["a"]!);
            var b = Operation(vector["b"]!);

            var (aPrime, bPrime) = TextOperation.Transform(a, b);

            string where = $"transform[{index}] ({vector["kind"]}) a={vector["a"]!.ToJsonString()} b={vector["b"]!.ToJsonString()}";
            Expect(failures, where, "aPrime", vector["aPrime"]!, aPrime);
            Expect(failures, where, "bPrime", vector["bPrime"]!, bPrime);
            string result = (string)vector["result"]!;
            if (bPrime.Apply(a.Apply(text)) != result || aPrime.Apply(b.Apply(text)) != result)
            {
                failures.Add($"{where}: the texts differ from ot.js's {result}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Compose_GivesExactlyOtJsResults()
    {
        var failures = new List<string>();
        foreach (var (vector, index) in Vectors.Value["compose"]!.AsArray().Select((v, i) => (v!, i)))
        {
            string text = (string)vector["text"]!;
            var a = Operation(vector["a"]!);
            var b = Operation(vector["b"]!);

            var composed = a.Compose(b);

            string where = $"compose[{index}] ({vector["kind"]}) a={vector["a"]!.ToJsonString()} b={vector["b"]!.ToJsonString()}";
            Expect(failures, where, "result", vector["result"]!, composed);
            if (composed.Apply(text) != (string)vector["resultText"]!)
            {
                failures.Add($"{where}: the text differs from ot.js's");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void TransformIndex_GivesExactlyOtJsResults()
    {
        var failures = new List<string>();
        foreach (var (vector, index) in Vectors.Value["transformIndex"]!.AsArray().Select((v, i) => (v!, i)))
        {
            var op = Operation(vector["op"]!);
            var indices = vector["indices"]!.AsArray().Select(n => (int)n!).ToArray();
            var results = vector["results"]!.AsArray().Select(n => (int)n!).ToArray();
            for (int i = 0; i < indices.Length; i++)
            {
                int moved = op.TransformIndex(indices[i]);
                if (moved != results[i])
                {
                    failures.Add($"transformIndex[{index}] op={op} index {indices[i]}: ours {moved}, ot.js {results[i]}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static TextOperation Operation(JsonNode node) => TextOperation.Parse(node.ToJsonString());

    private static void Expect(List<string> failures, string where, string name, JsonNode expected, TextOperation actual)
    {
        if (!JsonNode.DeepEquals(expected, JsonNode.Parse(actual.ToString())))
        {
            failures.Add($"{where}: {name} is {actual}, ot.js gives {expected.ToJsonString()}");
        }
    }
}
