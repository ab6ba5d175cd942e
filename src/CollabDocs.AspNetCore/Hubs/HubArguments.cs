using System.Text.Json;
using CollabDocs.Ot;
using CollabDocs.Protocol;
using CollabDocs.Server.Documents;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// Reads hub arguments as they arrive untyped, so that a value of the wrong type gets the protocol's
/// <c>invalid_argument</c> error with the argument's name instead of SignalR's untyped binding failure. The JSON
/// protocol hands over a <see cref="JsonElement"/>; MessagePack hands over strings, boxed integers, <c>object[]</c>
/// and dictionaries: both are read with the same rules.
/// </summary>
internal static class HubArguments
{
    public static string String(object? value, string name) => value switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        _ => throw CollabException.Invalid($"'{name}' must be a string, got {Describe(value)}."),
    };

    public static int Int(object? value, string name) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } element when element.TryGetInt32(out int number) => number,
        not JsonElement when BoxedInteger.TryGetInt32(value, out int number) => number,
        _ => throw CollabException.Invalid($"'{name}' must be an integer in the 32-bit range, got {Describe(value)}."),
    };

    public static int? OptionalInt(object? value, string name) =>
        value is null or JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? null : Int(value, name);

    /// <summary>An array of <c>{ "anchor": int, "head": int }</c>.</summary>
    public static IReadOnlyList<RangeMessage> Ranges(object? value, string name)
    {
        object?[] items = value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } element => [.. element.EnumerateArray().Select(e => (object?)e)],
            object?[] array => array,
            _ => throw CollabException.Invalid($"'{name}' must be an array of {{ anchor, head }}, got {Describe(value)}."),
        };

        var ranges = new List<RangeMessage>(items.Length);
        for (int index = 0; index < items.Length; index++)
        {
            if (!TryGetProperty(items[index], "anchor", out var anchor) || !TryGetProperty(items[index], "head", out var head))
            {
                throw CollabException.Invalid($"'{name}[{index}]' must be an object with 'anchor' and 'head', got {Describe(items[index])}.");
            }

            ranges.Add(new RangeMessage(Int(anchor, $"{name}[{index}].anchor"), Int(head, $"{name}[{index}].head")));
        }

        return ranges;
    }

    private static bool TryGetProperty(object? item, string property, out object? value)
    {
        value = null;
        switch (item)
        {
            case JsonElement { ValueKind: JsonValueKind.Object } element when element.TryGetProperty(property, out var found):
                value = found;
                return true;
            case IDictionary<object, object?> map when map.TryGetValue(property, out var found):
                value = found;
                return true;
            default:
                return false;
        }
    }

    private static string Describe(object? value) => value switch
    {
        JsonElement element => element.ValueKind switch
        {
            JsonValueKind.Number => $"the number {element.GetRawText()}",
            JsonValueKind.String => "a string",
            JsonValueKind.Null => "null",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "nothing",
        },
        null => "null",
        string => "a string",
        bool => "a boolean",
        object?[] => "an array",
        System.Collections.IDictionary => "an object",
        IFormattable number => $"the number {number.ToString(null, System.Globalization.CultureInfo.InvariantCulture)}",
        _ => "a value of another type",
    };
}
