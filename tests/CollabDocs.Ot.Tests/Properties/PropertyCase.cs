using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CollabDocs.Ot.Tests.Properties;

/// <summary>One case of a property: its generator, and the inputs noted for the failure message.</summary>
internal sealed class PropertyCase(int index, int seed)
{
    private readonly List<(string Label, object? Value)> _notes = [];

    public int Index { get; } = index;

    public int Seed { get; } = seed;

    public OperationGenerator Generate { get; } = new(new Random(seed));

    /// <summary>Records an input so a failure shows it. Formatting waits until a failure needs it.</summary>
    public T Note<T>(string label, T value)
    {
        _notes.Add((label, value));
        return value;
    }

    public string DescribeInputs()
    {
        var builder = new StringBuilder();
        foreach (var (label, value) in _notes)
        {
            builder.Append("\n  ").Append(label).Append(" = ").Append(Show(value));
        }

        return builder.ToString();
    }

    private static string Show(object? value) => value switch
    {
        // JSON string literals keep surrogates, newlines and quotes visible.
        string text => JsonSerializer.Serialize(text),
        IEnumerable<TextOperation> operations => "[" + string.Join(", ", operations) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };
}
