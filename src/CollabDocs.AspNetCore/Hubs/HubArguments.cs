using System.Text.Json;
using CollabDocs.Server.Documents;
using CollabDocs.Server.Protocol;

namespace CollabDocs.Server.Hubs;

/// <summary>
/// Reads hub arguments from raw JSON, so that a value of the wrong type gets the protocol's
/// <c>invalid_argument</c> error with the argument's name instead of SignalR's untyped binding failure.
/// </summary>
internal static class HubArguments
{
    public static string String(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw CollabException.Invalid($"'{name}' must be a string, got {Describe(value)}.");

    public static int Int(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number)
            ? number
            : throw CollabException.Invalid($"'{name}' must be an integer in the 32-bit range, got {Describe(value)}.");

    public static int? OptionalInt(JsonElement value, string name) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : Int(value, name);

    /// <summary>An array of <c>{ "anchor": int, "head": int }</c>.</summary>
    public static IReadOnlyList<RangeMessage> Ranges(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw CollabException.Invalid($"'{name}' must be an array of {{ anchor, head }}, got {Describe(value)}.");
        }

        var ranges = new List<RangeMessage>(value.GetArrayLength());
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("anchor", out var anchor)
                || !item.TryGetProperty("head", out var head))
            {
                throw CollabException.Invalid($"'{name}[{index}]' must be an object with 'anchor' and 'head', got {Describe(item)}.");
            }

            ranges.Add(new RangeMessage(Int(anchor, $"{name}[{index}].anchor"), Int(head, $"{name}[{index}].head")));
            index++;
        }

        return ranges;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.String => "a string",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "nothing",
    };
}
